// SPDX-License-Identifier: GPL-2.0-only
/* Must not compile: base/ may not include nscheck.h (see the top CMakeLists.txt). */
#include "nscheck.h"
