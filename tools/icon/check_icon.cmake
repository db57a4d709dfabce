# Draws the icon afresh and requires assets/icon-*.png to be the same bytes.
# Variables: MAKE_ICON (the program), ASSETS (the assets/ folder), OUT (a scratch folder).
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
execute_process(COMMAND ${MAKE_ICON} ${OUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "make_icon failed (exit ${rc})")
endif()
foreach(size 32 64 256)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT}/icon-${size}.png ${ASSETS}/icon-${size}.png
                  RESULT_VARIABLE differs)
  if(NOT differs EQUAL 0)
    message(FATAL_ERROR "assets/icon-${size}.png is not what tools/icon/make_icon draws: "
                        "run `build/tests/turnaround-make-icon assets` and commit the result")
  endif()
endforeach()
