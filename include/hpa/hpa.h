/**
 * @file hpa/hpa.h
 * @brief Umbrella header: the only header a libhpa user needs.
 */
#ifndef HPA_HPA_H
#define HPA_HPA_H

#include <hpa/common.h>
#include <hpa/version.h>
#include <hpa/errors.h>
/* HPA_MODULE_HEADERS: each module adds its header below, in layer order. */
#include <hpa/quantity.h>
#include <hpa/int_or_string.h>
#include <hpa/manifest.h>
#include <hpa/object.h>
#include <hpa/codec.h>
#include <hpa/object_meta.h>
#include <hpa/pod_template.h>
#include <hpa/deployment.h>
#include <hpa/service.h>
#include <hpa/ingress.h>
#include <hpa/autoscaler.h>
#include <hpa/validate.h>
#include <hpa/decide.h>
#include <hpa/explain.h>
#include <hpa/simulate.h>
#include <hpa/model.h>

#endif
