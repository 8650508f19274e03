# cmake -DIN=FILE -DOUT=FILE.gz -P gzip.cmake: gzip -9n (maximum
# compression, no name or time stamp in the header: what Debian wants for
# man pages and changelogs).
execute_process(COMMAND gzip -9n -c ${IN} OUTPUT_FILE ${OUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
	file(REMOVE ${OUT})
	message(FATAL_ERROR "gzip -9n ${IN} failed")
endif()
