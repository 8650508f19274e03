// SPDX-License-Identifier: GPL-2.0-only
/* Must not compile: reports/ may not include registry.h (see the top CMakeLists.txt). */
#include "registry.h"
