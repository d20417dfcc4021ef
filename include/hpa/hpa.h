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
#include <hpa/manifest.h>
#include <hpa/object.h>

#endif
