# Writes OUT with NSC_VERSION from `git describe`, only when it changed.
execute_process(COMMAND git -C ${SRC} describe --tags --always --dirty
	OUTPUT_VARIABLE desc OUTPUT_STRIP_TRAILING_WHITESPACE
	RESULT_VARIABLE rc ERROR_QUIET)
if(NOT rc EQUAL 0 OR desc STREQUAL "")
	set(desc "${FALLBACK}")
elseif(NOT desc MATCHES "^v?[0-9]+\\.[0-9]+")
	set(desc "${FALLBACK}-g${desc}")
endif()
string(REGEX REPLACE "^v" "" desc "${desc}")
set(content "#define NSC_VERSION \"${desc}\"\n")
if(EXISTS ${OUT})
	file(READ ${OUT} old)
endif()
if(NOT "${old}" STREQUAL "${content}")
	file(WRITE ${OUT} "${content}")
endif()
