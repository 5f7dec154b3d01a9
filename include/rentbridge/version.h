/** @file version.h @brief The engine's version. */
#ifndef RENTBRIDGE_VERSION_H
#define RENTBRIDGE_VERSION_H
#define RB_VERSION "0.1.0"
#endif
