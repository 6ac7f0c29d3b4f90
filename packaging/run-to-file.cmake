# SPDX-License-Identifier: MIT
# cmake -DOUTPUT=FILE [-DGZIP=gzip] -P run-to-file.cmake -- COMMAND ARGS...
# Runs COMMAND and writes its standard output to FILE, compressed with
# `gzip -9n` (no name or time stamp, so builds are reproducible) when GZIP is
# given. A failing COMMAND fails the build and leaves no FILE behind.
set(command)
set(seen FALSE)
math(EXPR last "${CMAKE_ARGC} - 1")
foreach(i RANGE 0 ${last})
    if(seen)
        list(APPEND command "${CMAKE_ARGV${i}}")
    elseif("${CMAKE_ARGV${i}}" STREQUAL "--")
        set(seen TRUE)
    endif()
endforeach()
# The man pages and completions are English, whatever the locale of the build.
set(ENV{LANGUAGE} "")
set(ENV{LC_ALL} "C.UTF-8")
file(REMOVE "${OUTPUT}")
if(GZIP)
    execute_process(COMMAND ${command} COMMAND ${GZIP} -9n OUTPUT_FILE "${OUTPUT}.tmp" RESULTS_VARIABLE results)
else()
    execute_process(COMMAND ${command} OUTPUT_FILE "${OUTPUT}.tmp" RESULTS_VARIABLE results)
endif()
foreach(r IN LISTS results)
    if(NOT r EQUAL 0)
        file(REMOVE "${OUTPUT}.tmp")
        message(FATAL_ERROR "${command} failed (${results})")
    endif()
endforeach()
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
