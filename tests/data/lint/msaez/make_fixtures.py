#!/usr/bin/python3
# Regenerates the MSA-Ez fixtures (02-template-hpa.yaml is hand-written). Run by hand; the tests never run it.
# tests/data/lint/msaez/*.yaml + .expected: the broken outputs of MSA-Ez's
# deployment modeler listed in /work/shared/anchors/msaez.md section 5.
# Positions computed from the text (anchors), independently of libhpa.
import os
D = os.path.dirname(os.path.abspath(__file__))
os.makedirs(D, exist_ok=True)

def pos(text, anchor, nth=1):
    i = -1
    for _ in range(nth):
        i = text.index(anchor, i + 1)
    return text.count('\n', 0, i) + 1, i - (text.rfind('\n', 0, i) + 1) + 1

def write(name, text, exp):
    open(os.path.join(D, name + '.yaml'), 'w').write(text)
    out = []
    for (r, anchor, nth, path, sub) in exp:
        if r == 'PARSE':
            out.append('PARSE %d:%d -' % anchor)
            continue
        l, c = pos(text, anchor, nth)
        out.append('%s %d:%d %s%s' % (r, l, c, path or '-', (' | ' + sub) if sub else ''))
    open(os.path.join(D, name + '.expected'), 'w').write('\n'.join(out) + ('\n' if out else ''))

# template.yml style Deployment (msaez.md section 2): quoted strings, trailing
# spaces after keys, bare "- " items, msaez.io/x|y, namespace: "", probes 8080.
def tdeploy(bc, image, resources=''):
    return '''---
apiVersion: "apps/v1"
kind: "Deployment"
metadata: 
  name: "%(bc)s"
  labels: 
    app: "%(bc)s"
  namespace: ""
  annotations: 
    msaez.io/x: "775"
    msaez.io/y: "556"
spec: 
  selector: 
    matchLabels: 
      app: "%(bc)s"
  replicas: 1
  template: 
    metadata: 
      labels: 
        app: "%(bc)s"
    spec: 
      containers: 
        - 
          name: "%(bc)s"
          image: "%(image)s"
          ports: 
            - 
              containerPort: 8080
%(resources)s          readinessProbe: 
            httpGet: 
              path: "/actuator/health"
              port: 8080
            initialDelaySeconds: 10
            timeoutSeconds: 2
            periodSeconds: 5
            failureThreshold: 10
          livenessProbe: 
            httpGet: 
              path: "/actuator/health"
              port: 8080
            initialDelaySeconds: 120
            timeoutSeconds: 2
            periodSeconds: 5
            failureThreshold: 5
''' % {'bc': bc, 'image': image, 'resources': resources}

def tservice(bc, ann=''):
    return '''---
apiVersion: "v1"
kind: "Service"
metadata: 
  name: "%(bc)s"
  labels: 
    app: "%(bc)s"
  namespace: ""
  annotations: 
    msaez.io/x: "775"
    msaez.io/y: "356"
%(ann)sspec: 
  ports: 
    - 
      port: 8080
      targetPort: 8080
  selector: 
    app: "%(bc)s"
''' % {'bc': bc, 'ann': ann}

def v2hpa(name, target, res, util, minr=1, maxr=5):
    return '''---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: %s
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: %s
  minReplicas: %d
  maxReplicas: %d
  metrics:
    - type: Resource
      resource:
        name: %s
        target:
          type: Utilization
          averageUtilization: %d
''' % (name, target, minr, maxr, res, util)

IMG = 'ghcr.io/shinseongjin2/mallbasicforops_v9/%s:v2.0'
CPU_INJ = '''          resources: 
            limits: 
              cpu: "500m"
            requests: 
              cpu: "200m"
'''

# 1: <unknown>/20%: order gets only the injected cpu request; product-hpa scales on memory
t = '# msaez.md section 5 #1: `kubectl get hpa` shows <unknown>/20%. The modeler injects only\n' \
    '# requests.cpu (200m) into HPA targets; product-hpa scales on memory, which MSA-Ez never requests.\n' \
    + tdeploy('order', IMG % 'order', CPU_INJ) + tdeploy('product', IMG % 'product', CPU_INJ) \
    + v2hpa('order-hpa', 'order', 'cpu', 20) + v2hpa('product-hpa', 'product', 'memory', 20)
write('01-unknown-target', t, [
    ('HPA007', '1\n  template', 1, 'spec.replicas', None),
    ('HPA007', '1\n  template', 2, 'spec.replicas', None),
    ('HPA003', 'limits', 2, 'spec.template.spec.containers[0].resources',
     'HorizontalPodAutoscaler/product-hpa scales on memory Utilization (20%), but container "product" of Deployment/product has no memory request'),
    ('HPA009', 'name: memory', 1, 'spec.metrics[0].resource', 'scales on memory Utilization 20% (22.0% with tolerance)'),
])
# fix the anchors of HPA007: the value "1" after "replicas: "
t2 = open(os.path.join(D, '01-unknown-target.expected')).read()

# 2: already written by hand (02-template-hpa.yaml); regenerate its expected file here
t = open(os.path.join(D, '02-template-hpa.yaml')).read()
write('02-template-hpa', t, [
    ('API001', '"autoscaling/v2beta2"', 1, 'apiVersion', 'autoscaling/v2beta2 HorizontalPodAutoscaler was removed in Kubernetes 1.26'),
    ('HPA002', '{}', 1, 'spec.scaleTargetRef', 'HorizontalPodAutoscaler/order-hpa has an empty scaleTargetRef'),
    ('API001', '50\n', 1, 'spec.metrics[0].resource.targetAverageUtilization',
     'targetAverageUtilization is an autoscaling/v2beta1 field; autoscaling/v2beta2 does not have it'),
])

# 3: an HPA connected before it was named: no name, and the Deployment got no requests
t = '# msaez.md section 5 #3 and #11: an HPA sticker connected before it was named. The HPA\n' \
    '# has no name, and the Deployment never got its cpu request ("delete resources").\n' \
    + tdeploy('order', IMG % 'order') + v2hpa('""', 'order', 'cpu', 20)
write('03-unnamed-hpa', t, [
    ('HPA007', '1\n  template', 1, 'spec.replicas', None),
    ('VAL001', '""\nspec:', 1, 'metadata.name', 'metadata.name: Required value: name or generateName is required'),
    ('HPA003', 'name: "order"\n          image', 1, 'spec.template.spec.containers[0]',
     'HorizontalPodAutoscaler/<unnamed> scales on cpu Utilization (20%), but container "order" of Deployment/order has no cpu request'),
])

# 4: metrics: [] since 2024-05-31: the API defaults to cpu 80%, and the target has no cpu request
t = '# msaez.md section 5 #4: new HPA stickers have metrics: [] (the API server defaults it to\n' \
    '# cpu 80% Utilization), and template.yml drops the injected requests.\n' \
    + tdeploy('delivery', IMG % 'delivery') + '''---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: delivery-hpa
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: delivery
  minReplicas: 1
  maxReplicas: 10
  metrics: []
'''
write('04-empty-metrics', t, [
    ('HPA007', '1\n  template', 1, 'spec.replicas', None),
    ('HPA010', '[]\n', 1, 'spec.metrics', 'has no metrics: the API server fills in the default, cpu at 80% Utilization'),
    ('HPA003', 'name: "delivery"\n          image', 1, 'spec.template.spec.containers[0]',
     'scales on cpu Utilization (80%, the default), but container "delivery" of Deployment/delivery has no cpu request'),
])

# 5: Ingress paths repeated (Ingress.vue mounted() re-adds every Service), class annotation
def ing_path(p, s):
    return '''          - path: %s
            pathType: Prefix
            backend:
              service:
                name: %s
                port:
                  number: 8080
''' % (p, s)
svcs = tservice('order') + tservice('delivery') + tservice('product')
deps = tdeploy('order', IMG % 'order') + tdeploy('delivery', IMG % 'delivery') + tdeploy('product', IMG % 'product')
paths = ''
for _ in range(2):
    for p, s in (('/orders', 'order'), ('/products', 'product'), ('/deliveries', 'delivery')):
        paths += ing_path(p, s)
t = '# msaez.md section 5 #5 and #12: the gateway Ingress as the modeler rebuilds it after two\n' \
    '# loads: every path twice, and the kubernetes.io/ingress.class annotation.\n' + deps + svcs + '''---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: gateway
  annotations:
    kubernetes.io/ingress.class: "nginx"
spec:
  rules:
    - host: ""
      http:
        paths:
''' + paths
write('05-repeated-paths', t, [
    ('ING006', '"nginx"', 1, 'metadata.annotations["kubernetes.io/ingress.class"]', 'Ingress/gateway selects its controller with the kubernetes.io/ingress.class annotation'),
    ('ING003', 'path: /orders', 2, 'spec.rules[0].http.paths[3]', 'path "/orders" (Prefix) is repeated: the same route to Service "order" already appears at spec.rules[0].http.paths[0] of Ingress/gateway'),
    ('ING003', 'path: /products', 2, 'spec.rules[0].http.paths[4]', 'path "/products" (Prefix) is repeated'),
    ('ING003', 'path: /deliveries', 2, 'spec.rules[0].http.paths[5]', 'path "/deliveries" (Prefix) is repeated'),
])

# 6: /products returns 404: the product service serves /inventories
t = '# msaez.md section 5 #6: the Ingress path comes from the Service name (/products), but\n' \
    '# the product bounded context serves its aggregate Inventory at /inventories.\n' \
    + tdeploy('product', IMG % 'product') + tservice('product', ann='    hpa.libhpa.dev/rest-paths: "/inventories"\n') + '''---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: gateway
spec:
  ingressClassName: nginx
  rules:
    - http:
        paths:
''' + ing_path('/products', 'product')
write('06-products-404', t, [
    ('ING004', '/products\n', 1, 'spec.rules[0].http.paths[0].path',
     'path "/products" of Ingress/gateway routes to Service "product", whose REST resources are /inventories'),
    ('ING005', '"/inventories"', 1, 'metadata.annotations["hpa.libhpa.dev/rest-paths"]',
     'REST resource "/inventories" of Service "product" (hpa.libhpa.dev/rest-paths on Service/product) is reached by no Ingress path'),
])

# 7: the Ingress topping's kubernetes/template/ingress.yml: extensions/v1beta1
t = '# msaez.md section 5 #7: the Ingress topping writes kubernetes/template/ingress.yml with\n' \
    '# extensions/v1beta1 (removed in 1.22), serviceName/servicePort backends.\n' + tservice('order') + '''---
apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: gateway
  annotations:
    kubernetes.io/ingress.class: nginx
spec:
  rules:
    - http:
        paths:
          - path: /orders
            backend:
              serviceName: order
              servicePort: 8080
'''
write('07-extensions-ingress', t, [
    ('SVC001', 'app: "order"\n', 2, 'spec.selector', 'Service/order selects pods with app=order'),
    ('API001', 'extensions/v1beta1\nkind', 1, 'apiVersion', 'extensions/v1beta1 Ingress was removed in Kubernetes 1.22'),
    ('ING006', 'nginx\n', 1, 'metadata.annotations["kubernetes.io/ingress.class"]', None),
])

# 8: ghcr.io/undefined
t = '# msaez.md section 5 #8: DEPLOY without SCM settings gives image "ghcr.io/undefined".\n' \
    + tdeploy('order', 'ghcr.io/undefined') + tservice('order')
write('08-undefined-image', t, [
    ('WL002', '"ghcr.io/undefined"', 2, 'spec.template.spec.containers[0].image', 'the placeholder image "ghcr.io/undefined"'),
])

# 9: test.yml: HTML-escaped and mis-indented; not YAML
t = '''# msaez.md section 5 #9: kubernetes/template/test.yml as some generated projects carry it:
# HTML-escaped quotes and a document marker indented with the rest shifted by 2.
    ---
  apiVersion: &quot;apps/v1&quot;
  kind: &quot;Deployment&quot;
  metadata: 
    name: &quot;order&quot;
'''
# libyaml: the indented "---" is a plain scalar at 3:5 and the next less-indented line
# continues onto line 4, where the ':' after apiVersion (4:13) is not allowed in a plain scalar
write('09-not-yaml', t, [('PARSE', (4, 13), 1, None, None)])

# 10: duplicate volumes and mounts (repeated PVC relations)
vol = '''          volumeMounts: 
            - 
              mountPath: "/data"
              name: "order-pvc"
            - 
              mountPath: "/data"
              name: "order-pvc"
      volumes: 
        - 
          name: "order-pvc"
          persistentVolumeClaim: 
            claimName: "order-pvc"
        - 
          name: "order-pvc"
          persistentVolumeClaim: 
            claimName: "order-pvc"
'''
dep = tdeploy('order', IMG % 'order').replace('            failureThreshold: 5\n', '            failureThreshold: 5\n' + vol)
t = '# msaez.md section 5 #10: a repeated PVC relation gives the same volume twice and every\n' \
    '# PVC mounted at /data.\n' + dep + tservice('order')
write('10-duplicate-volumes', t, [
    ('VAL001', '"/data"', 2, 'spec.template.spec.containers[0].volumeMounts[1].mountPath',
     'spec.template.spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/data": must be unique'),
    ('VAL001', '"order-pvc"\n          persistentVolumeClaim', 2, 'spec.template.spec.volumes[1].name',
     'spec.template.spec.volumes[1].name: Duplicate value: "order-pvc"'),
])

# 11: unnamed stickers: empty names
t = '# msaez.md section 5 #11: stickers left unnamed (the docs come out as ".md").\n' + '''---
apiVersion: v1
kind: Service
metadata:
  name: ""
spec:
  ports:
    - port: 8080
      targetPort: 8080
  selector:
    app: order
''' + tdeploy('order', IMG % 'order')
write('11-unnamed-stickers', t, [
    ('VAL001', '""\nspec', 1, 'metadata.name', 'metadata.name: Required value: name or generateName is required'),
])

# 12: ingressClassName together with a different class annotation
t = '# msaez.md section 5 #12: ingressClassName added next to the modeler\'s annotation.\n' \
    + tdeploy('order', IMG % 'order') + tservice('order') + '''---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: gateway
  annotations:
    kubernetes.io/ingress.class: "nginx"
spec:
  ingressClassName: nginx-internal
  rules:
    - http:
        paths:
''' + ing_path('/orders', 'order') + '''---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: gateway-same
  annotations:
    kubernetes.io/ingress.class: "nginx"
spec:
  ingressClassName: nginx
  rules:
    - http:
        paths:
''' + ing_path('/deliveries', 'order')
write('12-class-annotation', t, [
    ('VAL001', '"nginx"', 1, 'metadata.annotations["kubernetes.io/ingress.class"]',
     'annotations.kubernetes.io/ingress.class: Invalid value: "nginx": must match `ingressClassName` when both are specified'),
    ('ING006', '"nginx"', 2, 'metadata.annotations["kubernetes.io/ingress.class"]',
     'Ingress/gateway-same sets both spec.ingressClassName and the deprecated kubernetes.io/ingress.class annotation'),
])

# 13: Korean aggregate paths (msa-ez/12st-mall)
t = '# msaez.md section 5 #13: paths from Korean aggregate names (namePlural leaves Hangul as is).\n' \
    + tdeploy('order', IMG % 'order') + tservice('order') + '''---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: gateway
spec:
  ingressClassName: nginx
  rules:
    - http:
        paths:
''' + ing_path('/주문관리', 'order')
write('13-korean-paths', t, [
    ('ING007', '/주문관리', 1, 'spec.rules[0].http.paths[0].path', 'path "/주문관리" of Ingress/gateway has characters outside [A-Za-z0-9._-/]'),
])

# 14 and 15: nothing to report (env: [] from the Secret relation; layout annotations, namespace: "")
t = '# msaez.md section 5 #14 and #15: env: [] (the Secret relation sets no env), msaez.io layout\n' \
    '# annotations and namespace: "" everywhere. All valid: nothing to report.\n' \
    + tdeploy('order', IMG % 'order').replace('          ports: \n', '          env: []\n          ports: \n') + tservice('order')
write('14-15-harmless', t, [])

# 16: memory HPA at 20% with the idle footprint declared (tutorial output: 51%/20%, 5/5)
mem = '''          resources: 
            requests: 
              cpu: "200m"
              memory: "512Mi"
'''
dep = tdeploy('product', IMG % 'product', mem).replace('    msaez.io/y: "556"\n', '    msaez.io/y: "556"\n    hpa.libhpa.dev/idle-memory: "261Mi"\n', 1).replace('  replicas: 1\n', '')
t = '# msaez.md section 5 #16: product-hpa (memory 20%) stays at 5/5 replicas without load; the\n' \
    '# tutorial shows 51%/20%. 261Mi of the 512Mi request is that 51% idle footprint.\n' + dep + v2hpa('product-hpa', 'product', 'memory', 20)
write('16-memory-pinned', t, [
    ('HPA008', 'name: memory', 1, 'spec.metrics[0].resource',
     'idle memory 261Mi (annotation hpa.libhpa.dev/idle-memory) is 50.9% of the 512Mi requested per pod, above HorizontalPodAutoscaler/product-hpa\'s target 20% plus the 10.0% tolerance (22.0%)'),
])
print('ok')
