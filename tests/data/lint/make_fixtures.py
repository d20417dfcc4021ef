#!/usr/bin/python3
# Regenerates the per-rule fixtures. Run by hand after editing; the tests never run it.
# Writes tests/data/lint/<RULE>/{bad,good}.yaml and bad.expected.
# Expected positions are computed from the fixture text (anchor = the text
# where the reported node starts, nth occurrence), independently of libhpa.
import os, sys
ROOT = os.path.dirname(os.path.abspath(__file__))

def pos(text, anchor, nth=1):
    i = -1
    for _ in range(nth):
        i = text.index(anchor, i + 1)
    line = text.count('\n', 0, i) + 1
    col = i - (text.rfind('\n', 0, i) + 1) + 1
    return line, col

def write(rule, bad, exp, good, good_exp=None):
    d = os.path.join(ROOT, rule)
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, 'bad.yaml'), 'w').write(bad)
    open(os.path.join(d, 'good.yaml'), 'w').write(good)
    lines = []
    for e in exp:
        r, anchor, nth, path, sub = e
        l, c = pos(bad, anchor, nth)
        lines.append('%s %d:%d %s%s' % (r, l, c, path or '-', (' | ' + sub) if sub else ''))
    open(os.path.join(d, 'bad.expected'), 'w').write('\n'.join(lines) + '\n')
    if good_exp is not None:
        gl = []
        for e in good_exp:
            r, anchor, nth, path, sub = e
            l, c = pos(good, anchor, nth)
            gl.append('%s %d:%d %s%s' % (r, l, c, path or '-', (' | ' + sub) if sub else ''))
        open(os.path.join(d, 'good.expected'), 'w').write('\n'.join(gl) + '\n')

def deploy(name='web', labels='app: web', sel=None, res='cpu: 100m\n            memory: 64Mi', replicas=None,
           extra_meta='', ports='', image='nginx:1.27', containers=None):
    sel = sel or labels
    s = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: %s\n%s' % (name, extra_meta)
    s += 'spec:\n'
    if replicas is not None:
        s += '  replicas: %s\n' % replicas
    s += '  selector:\n    matchLabels:\n'
    for kv in sel.split(', '):
        s += '      %s\n' % kv
    s += '  template:\n    metadata:\n      labels:\n'
    for kv in labels.split(', '):
        s += '        %s\n' % kv
    s += '    spec:\n      containers:\n'
    if containers:
        s += containers
    else:
        s += '      - name: %s\n        image: %s\n' % (name, image)
        if res:
            s += '        resources:\n          requests:\n            %s\n' % res
        s += ports
    return s

CPU60 = '[{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 60}}}]'

def hpa(name='web', target='{apiVersion: apps/v1, kind: Deployment, name: web}', minr=None, maxr=3, metrics=CPU60, api='autoscaling/v2'):
    s = '---\napiVersion: %s\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: %s\nspec:\n  scaleTargetRef: %s\n' % (api, name, target)
    if minr is not None:
        s += '  minReplicas: %s\n' % minr
    s += '  maxReplicas: %s\n' % maxr
    if metrics is not None:
        s += '  metrics: %s\n' % metrics
    return s

HDR = '# Fixture for rule %s (%s). Expected findings: bad.expected (hand-derived).\n'

# ---------------- VAL001
bad = HDR % ('VAL001', 'bad') + '''apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 2
  maxReplicas: 0
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 0
---
''' + deploy(labels='app: x', sel='app: web')
good = HDR % ('VAL001', 'good') + bad.split('\n', 1)[1].replace('maxReplicas: 0', 'maxReplicas: 3').replace('averageUtilization: 0', 'averageUtilization: 50').replace('        app: x', '        app: web')
write('VAL001', bad, [
    ('VAL001', '0\n  metrics', 1, 'spec.maxReplicas', 'spec.maxReplicas: Invalid value: 0: must be greater than 0'),
    ('VAL001', '0\n  metrics', 1, 'spec.maxReplicas', 'spec.maxReplicas: Invalid value: 0: must be greater than or equal to `minReplicas`'),
    ('VAL001', '0\n---', 1, 'spec.metrics[0].resource.target.averageUtilization',
     'spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0'),
    ('VAL001', 'app: x', 1, 'spec.template.metadata.labels',
     'spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`'),
], good)

# ---------------- VAL002
bad = HDR % ('VAL002', 'bad') + '''apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replica: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
        resource:
          requests:
            cpu: 100m
'''
good = bad.replace('replica: 2', 'replicas: 2').replace('resource:', 'resources:').replace('(bad)', '(good)')
write('VAL002', bad, [
    ('VAL002', 'replica: 2', 1, 'spec.replica', 'strict decoding error: unknown field "spec.replica"'),
    ('VAL002', 'resource:', 1, 'spec.template.spec.containers[0].resource',
     'strict decoding error: unknown field "spec.template.spec.containers[0].resource"'),
], good)

# ---------------- API001
bad = HDR % ('API001', 'bad') + '''apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: web
spec:
  rules:
  - http:
      paths:
      - path: /
        backend:
          serviceName: web
          servicePort: 80
'''
good = HDR % ('API001', 'good') + deploy()
write('API001', bad, [
    ('API001', 'extensions/v1beta1', 1, 'apiVersion', 'extensions/v1beta1 Ingress was removed in Kubernetes 1.22'),
    ('ING001', 'web\n          servicePort', 1, 'spec.rules[0].http.paths[0].backend.serviceName', 'backend Service "web"'),
], good)

# ---------------- HPA001
bad = HDR % ('HPA001', 'bad') + deploy() + hpa(name='api', target='\n    apiVersion: apps/v1\n    kind: Deployment\n    name: api') \
    + hpa(name='web', target='\n    apiVersion: extensions/v1beta1\n    kind: Deployment\n    name: web')
good = HDR % ('HPA001', 'good') + deploy() + hpa()
write('HPA001', bad, [
    ('HPA001', 'apiVersion: apps/v1\n    kind: Deployment\n    name: api', 1, 'spec.scaleTargetRef',
     'scaleTargetRef Deployment/api (apps/v1) is not in the manifest set'),
    ('HPA001', 'extensions/v1beta1', 1, 'spec.scaleTargetRef.apiVersion',
     'scaleTargetRef.apiVersion extensions/v1beta1 does not match Deployment/web (apps/v1)'),
], good)

# ---------------- HPA002
bad = HDR % ('HPA002', 'bad') + deploy() + hpa(name='a', target='{kind: Deployment, name: web}') + hpa(name='b', target='{}')
good = HDR % ('HPA002', 'good') + deploy() + hpa()
write('HPA002', bad, [
    ('HPA002', '{kind: Deployment', 1, 'spec.scaleTargetRef', 'has an incomplete scaleTargetRef (missing apiVersion)'),
    ('HPA002', '{}', 1, 'spec.scaleTargetRef', 'has an empty scaleTargetRef (missing apiVersion, kind, name)'),
    ('VAL001', '{}', 1, 'spec.scaleTargetRef.kind', 'spec.scaleTargetRef.kind: Required value'),
    ('VAL001', '{}', 1, 'spec.scaleTargetRef.name', 'spec.scaleTargetRef.name: Required value'),
], good)

# ---------------- HPA003
two = '''      - name: web
        image: nginx:1.27
        resources:
          requests:
            cpu: 100m
      - name: proxy
        image: envoyproxy/envoy:v1.31.0
'''
two_ok = two + '''        resources:
          limits:
            cpu: 200m
            memory: 128Mi
'''
two_ok = two_ok.replace('            cpu: 100m\n', '            cpu: 100m\n            memory: 64Mi\n', 1)
M2 = '''
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 60}}
  - type: Resource
    resource: {name: memory, target: {type: Utilization, averageUtilization: 70}}'''
bad = HDR % ('HPA003', 'bad') + deploy(containers=two) + hpa(metrics=M2)
good = HDR % ('HPA003', 'good') + '# requests missing on proxy default to its limits\n' + deploy(containers=two_ok) + hpa(metrics=M2)
write('HPA003', bad, [
    ('HPA003', 'name: proxy', 1, 'spec.template.spec.containers[1]', 'container "proxy" of Deployment/web has no cpu request'),
    ('HPA003', 'requests:', 1, 'spec.template.spec.containers[0].resources',
     'containers "web", "proxy" of Deployment/web have no memory request'),
], good)

# ---------------- HPA004
MC = '''
  - type: ContainerResource
    containerResource:
      name: cpu
      container: %s
      target: {type: Utilization, averageUtilization: 60}'''
bad = HDR % ('HPA004', 'bad') + deploy() + hpa(metrics=MC % 'app')
good = HDR % ('HPA004', 'good') + deploy() + hpa(metrics=MC % 'web')
write('HPA004', bad, [
    ('HPA004', 'app\n', 1, 'spec.metrics[0].containerResource.container', 'names container "app", but Deployment/web has no such container'),
], good)

# ---------------- HPA005
MEM70 = '[{type: Resource, resource: {name: memory, target: {type: Utilization, averageUtilization: 70}}}]'
bad = HDR % ('HPA005', 'bad') + deploy() + hpa(name='web-a') + hpa(name='web-b', maxr=5, metrics=MEM70)
good = HDR % ('HPA005', 'good') + deploy() + hpa(metrics=M2)
write('HPA005', bad, [
    ('HPA005', '{apiVersion: apps/v1', 2, 'spec.scaleTargetRef',
     'HorizontalPodAutoscaler/web-a and HorizontalPodAutoscaler/web-b both target Deployment/web'),
], good)

# ---------------- HPA006
def pdb(name, ma):
    return '---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: %s\nspec:\n  minAvailable: %s\n  selector:\n    matchLabels:\n      app: web\n' % (name, ma)
bad = HDR % ('HPA006', 'bad') + deploy() + hpa(minr=2, maxr=6) + pdb('web', '2') + pdb('web-pct', '"100%"')
good = HDR % ('HPA006', 'good') + deploy() + hpa(minr=2, maxr=6) + pdb('web', '1') + pdb('web-pct', '"50%"')
write('HPA006', bad, [
    ('HPA006', '2\n  selector', 1, 'spec.minAvailable', 'PodDisruptionBudget/web requires minAvailable 2 of the pods of Deployment/web'),
    ('HPA006', '"100%"', 1, 'spec.minAvailable', 'PodDisruptionBudget/web-pct requires minAvailable 100%'),
], good)

# ---------------- HPA007
bad = HDR % ('HPA007', 'bad') + deploy(replicas=3) + hpa()
good = HDR % ('HPA007', 'good') + deploy() + hpa()
write('HPA007', bad, [
    ('HPA007', '3\n', 1, 'spec.replicas', 'Deployment/web sets spec.replicas 3'),
], good)

# ---------------- HPA008
idle = '  annotations:\n    hpa.libhpa.dev/idle-memory: 300Mi\n    hpa.libhpa.dev/idle-cpu: 50m\n'
res512 = 'cpu: 100m\n            memory: 512Mi'
MEM40 = '\n  - type: Resource\n    resource: {name: memory, target: {type: Utilization, averageUtilization: 40}}' \
    '\n  - type: Resource\n    resource: {name: cpu, target: {type: Utilization, averageUtilization: 30}}'
bad = HDR % ('HPA008', 'bad') + deploy(extra_meta=idle, res=res512) + hpa(maxr=4, metrics=MEM40)
idle2 = '  annotations:\n    hpa.libhpa.dev/idle-memory: 300Mi\n    hpa.libhpa.dev/idle-cpu: 20m\n'
MEMCPU = '\n  - type: Resource\n    resource: {name: memory, target: {type: Utilization, averageUtilization: 80}}\n  - type: Resource\n    resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}'
good = HDR % ('HPA008', 'good') + deploy(extra_meta=idle2, res=res512) + hpa(maxr=4, metrics=MEMCPU)
write('HPA008', bad, [
    ('HPA008', '{name: memory', 1, 'spec.metrics[0].resource',
     'idle memory 300Mi (annotation hpa.libhpa.dev/idle-memory) is 58.5% of the 512Mi requested per pod, above HorizontalPodAutoscaler/web\'s target 40% plus the 10.0% tolerance (44.0%)'),
    ('HPA008', '{name: cpu', 1, 'spec.metrics[1].resource',
     'idle cpu 50m (annotation hpa.libhpa.dev/idle-cpu) is 50.0% of the 100m requested per pod, above HorizontalPodAutoscaler/web\'s target 30% plus the 10.0% tolerance (33.0%)'),
], good)

# ---------------- HPA009
MEM30 = '\n  - type: Resource\n    resource: {name: memory, target: {type: Utilization, averageUtilization: 30}}'
MEM60 = MEM30.replace('30}', '60}')
bad = HDR % ('HPA009', 'bad') + deploy(res=res512) + hpa(maxr=4, metrics=MEM30)
good = HDR % ('HPA009', 'good') + deploy(res=res512) + hpa(maxr=4, metrics=MEM60)
write('HPA009', bad, [
    ('HPA009', '{name: memory', 1, 'spec.metrics[0].resource', 'scales on memory Utilization 30% (33.0% with tolerance)'),
], good)

# ---------------- HPA010
bad = HDR % ('HPA010', 'bad') + deploy() + hpa(metrics='[]')
good = HDR % ('HPA010', 'good') + deploy() + hpa()
write('HPA010', bad, [
    ('HPA010', '[]', 1, 'spec.metrics', 'HorizontalPodAutoscaler/web has no metrics: the API server fills in the default, cpu at 80% Utilization'),
], good)

# ---------------- SVC001 / SVC002
def svc(name='web', sel='app: web', tp='8080', port_name=None, ann=''):
    s = '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: %s\n%sspec:\n  selector:\n    %s\n  ports:\n' % (name, ann, sel)
    s += ('  - name: %s\n    port: 80\n' % port_name) if port_name else '  - port: 80\n'
    s += '    targetPort: %s\n' % tp
    return s
bad = HDR % ('SVC001', 'bad') + deploy() + svc(name='api', sel='app: api')
good = HDR % ('SVC001', 'good') + deploy() + svc()
write('SVC001', bad, [
    ('SVC001', 'app: api', 1, 'spec.selector', 'Service/api selects pods with app=api, but no workload in the set has these pod labels'),
], good)
p8080 = '        ports:\n        - containerPort: 8080\n'
phttp = '        ports:\n        - name: http\n          containerPort: 8080\n'
bad = HDR % ('SVC002', 'bad') + deploy(ports=p8080) + svc(tp='http')
good = HDR % ('SVC002', 'good') + deploy(ports=phttp) + svc(tp='http')
write('SVC002', bad, [
    ('SVC002', 'http\n', 1, 'spec.ports[0].targetPort', 'targetPort "http" of Service/web is not the name of a container port of Deployment/web'),
], good)

# ---------------- WL001 / WL002
bad = HDR % ('WL001', 'bad') + deploy(labels='app: shop, tier: web', sel='app: shop') + '---\n' + \
    deploy(name='db', labels='app: shop, tier: db', sel='app: shop, tier: db', image='postgres:16')
good = HDR % ('WL001', 'good') + deploy(labels='app: shop, tier: web', sel='app: shop, tier: web') + '---\n' + \
    deploy(name='db', labels='app: shop, tier: db', sel='app: shop, tier: db', image='postgres:16')
write('WL001', bad, [
    ('WL001', 'matchLabels', 1, 'spec.selector', 'the selector of Deployment/web (app=shop) also selects the pods of Deployment/db'),
], good)
c2 = '      - name: web\n        image: ghcr.io/undefined\n      - name: sidecar\n        image: ""\n'
c2g = '      - name: web\n        image: ghcr.io/acme/shop/web:v1.0\n      - name: sidecar\n        image: busybox:1.36\n'
bad = HDR % ('WL002', 'bad') + deploy(containers=c2)
good = HDR % ('WL002', 'good') + deploy(containers=c2g)
write('WL002', bad, [
    ('WL002', 'ghcr.io/undefined', 1, 'spec.template.spec.containers[0].image', 'the placeholder image "ghcr.io/undefined"'),
    ('WL002', '""', 1, 'spec.template.spec.containers[1].image', 'container "sidecar" of Deployment/web has no image'),
], good)

# ---------------- Ingress rules
def ing(paths, cls='  ingressClassName: nginx\n', ann='', name='web'):
    s = '---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: %s\n%sspec:\n%s  rules:\n  - http:\n      paths:\n' % (name, ann, cls)
    for (p, svcname, port) in paths:
        s += '      - path: %s\n        pathType: Prefix\n        backend:\n          service:\n            name: %s\n            port:\n              %s\n' % (p, svcname, port)
    return s
stack = deploy(ports=phttp) + svc(tp='http', port_name='http')
bad = HDR % ('ING001', 'bad') + stack + ing([('/', 'api', 'number: 80')])
good = HDR % ('ING001', 'good') + stack + ing([('/', 'web', 'number: 80')])
write('ING001', bad, [
    ('ING001', 'api\n', 1, 'spec.rules[0].http.paths[0].backend.service.name', 'backend Service "api" of Ingress/web is not in the manifest set'),
], good)
bad = HDR % ('ING002', 'bad') + stack + ing([('/', 'web', 'number: 8080'), ('/admin', 'web', 'name: admin')])
good = HDR % ('ING002', 'good') + stack + ing([('/', 'web', 'number: 80'), ('/admin', 'web', 'name: http')])
write('ING002', bad, [
    ('ING002', '8080\n', 2, 'spec.rules[0].http.paths[0].backend.service.port.number', 'backend port 8080 is not a port of Service/web (ports: 80/http)'),
    ('ING002', 'admin\n', 2, 'spec.rules[0].http.paths[1].backend.service.port.name', 'backend port name "admin" is not a port of Service/web'),
], good)
bad = HDR % ('ING003', 'bad') + stack + ing([('/', 'web', 'number: 80'), ('/', 'web', 'number: 80')])
good = HDR % ('ING003', 'good') + stack + ing([('/', 'web', 'number: 80'), ('/api', 'web', 'number: 80')])
write('ING003', bad, [
    ('ING003', 'path: /', 2, 'spec.rules[0].http.paths[1]', 'path "/" (Prefix) is repeated: the same route to Service "web" already appears at spec.rules[0].http.paths[0] of Ingress/web'),
], good)
rp = '  annotations:\n    hpa.libhpa.dev/rest-paths: /orders\n'
stack_rp = deploy(ports=phttp) + svc(tp='http', port_name='http', ann=rp)
bad = HDR % ('ING004', 'bad') + stack_rp + ing([('/products', 'web', 'number: 80')])
good = HDR % ('ING004', 'good') + stack_rp + ing([('/orders', 'web', 'number: 80')])
write('ING004', bad, [
    ('ING004', '/products', 1, 'spec.rules[0].http.paths[0].path', 'path "/products" of Ingress/web routes to Service "web", whose REST resources are /orders'),
    ('ING005', '/orders', 1, 'metadata.annotations["hpa.libhpa.dev/rest-paths"]', 'REST resource "/orders" of Service "web"'),
], good)
rp2 = '  annotations:\n    hpa.libhpa.dev/rest-paths: /orders, /inventories\n'
stack_rp2 = deploy(ports=phttp, extra_meta=rp2) + svc(tp='http', port_name='http')
bad = HDR % ('ING005', 'bad') + stack_rp2 + ing([('/orders', 'web', 'number: 80')])
good = HDR % ('ING005', 'good') + stack_rp2 + ing([('/orders', 'web', 'number: 80'), ('/inventories', 'web', 'number: 80')])
write('ING005', bad, [
    ('ING005', '/orders, /inventories', 1, 'metadata.annotations["hpa.libhpa.dev/rest-paths"]',
     'REST resource "/inventories" of Service "web" (hpa.libhpa.dev/rest-paths on Deployment/web) is reached by no Ingress path'),
], good)
ann = '  annotations:\n    kubernetes.io/ingress.class: nginx\n'
bad = HDR % ('ING006', 'bad') + stack + ing([('/', 'web', 'number: 80')], cls='', ann=ann) + \
    ing([('/api', 'web', 'number: 80')], ann=ann, name='api')
good = HDR % ('ING006', 'good') + stack + ing([('/', 'web', 'number: 80')])
write('ING006', bad, [
    ('ING006', 'nginx\nspec', 1, 'metadata.annotations["kubernetes.io/ingress.class"]', 'Ingress/web selects its controller with the kubernetes.io/ingress.class annotation'),
    ('ING006', 'nginx\nspec', 2, 'metadata.annotations["kubernetes.io/ingress.class"]', 'Ingress/api sets both spec.ingressClassName and the deprecated kubernetes.io/ingress.class annotation'),
], good)
bad = HDR % ('ING007', 'bad') + stack + ing([('/주문관리', 'web', 'number: 80')])
good = HDR % ('ING007', 'good') + stack + ing([('/orders', 'web', 'number: 80')])
write('ING007', bad, [
    ('ING007', '/주문관리', 1, 'spec.rules[0].http.paths[0].path', 'path "/주문관리" of Ingress/web has characters outside'),
], good)
print('ok')

# ---------------- OBJ001
bad = HDR % ('OBJ001', 'bad') + deploy() + '---\n' + deploy(image='nginx:1.28')
good = HDR % ('OBJ001', 'good') + deploy() + '---\n' + deploy(name='api', labels='app: api')
write('OBJ001', bad, [
    ('OBJ001', 'web\nspec', 2, 'metadata.name', 'Deployment/web is defined twice in the set (also in document 1 of'),
], good)
print('ok2')
