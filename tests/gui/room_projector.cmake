# Runs room_projector.mjs (cmake -P): the window's projector of a workshop room, with phones
# joining and voting over HTTP, in an environment that touches none of the user's files.
include(${CMAKE_CURRENT_LIST_DIR}/isolated_window_env.cmake)
execute_process(COMMAND ${NODE} ${CMAKE_CURRENT_LIST_DIR}/room_projector.mjs ${GUI} ${CLI} ${SCENARIO} ${OUT}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "room_projector.mjs failed (${rc}); screenshots in ${OUT}")
endif()
