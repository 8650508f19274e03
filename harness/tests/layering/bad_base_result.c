// SPDX-License-Identifier: GPL-2.0-only
/* Must not compile: base/ may not include result.h (see the top CMakeLists.txt). */
#include "result.h"
