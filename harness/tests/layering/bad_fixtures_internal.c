// SPDX-License-Identifier: GPL-2.0-only
/* Must not compile: fixtures/ may not include internal.h (see the top CMakeLists.txt). */
#include "internal.h"
