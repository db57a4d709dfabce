# Authoring tools checked end to end with real outside programs.
#
# This file plays two parts. Included by tests/CMakeLists.txt, it registers the tests. Run as a
# script (cmake -P, with CLI, DOT, OUT and FILES set), it is the test: every scenario's map from
# `turnaround-cli graph` must be accepted by Graphviz's `dot` without a single warning.
if(CMAKE_SCRIPT_MODE_FILE)
  file(MAKE_DIRECTORY "${OUT}")
  string(REPLACE "|" ";" FILES "${FILES}")
  set(count 0)
  foreach(scenario ${FILES})
    get_filename_component(name "${scenario}" NAME_WE)
    set(dotfile "${OUT}/${name}.dot")
    execute_process(COMMAND "${CLI}" graph "${scenario}" -o "${dotfile}"
                    RESULT_VARIABLE rc ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "graph ${scenario} exited ${rc}:\n${err}")
    endif()
    execute_process(COMMAND "${DOT}" -Tsvg "${dotfile}" -o "${OUT}/${name}.svg"
                    RESULT_VARIABLE rc ERROR_VARIABLE err)
    if(NOT rc EQUAL 0 OR NOT err STREQUAL "")
      message(FATAL_ERROR "dot rejected the map of ${scenario} (exit ${rc}):\n${err}")
    endif()
    file(READ "${OUT}/${name}.svg" svg)
    string(FIND "${svg}" "<svg" at)
    if(at LESS 0)
      message(FATAL_ERROR "dot wrote no SVG for ${scenario}")
    endif()
    math(EXPR count "${count} + 1")
  endforeach()
  if(count EQUAL 0)
    message(FATAL_ERROR "no scenarios were given")
  endif()
  message(STATUS "dot accepted ${count} maps")
  return()
endif()

find_program(GRAPHVIZ_DOT dot)
if(GRAPHVIZ_DOT)
  file(GLOB AUTHORING_DOT_SCENARIOS CONFIGURE_DEPENDS
       ${TURNAROUND_SOURCE_DIR}/scenarios/*.yaml
       ${TURNAROUND_SOURCE_DIR}/scenarios/examples/*.yaml
       ${CMAKE_CURRENT_SOURCE_DIR}/data/graph/*.yaml)
  string(REPLACE ";" "|" AUTHORING_DOT_FILES "${AUTHORING_DOT_SCENARIOS}")
  add_test(NAME graph-dot
           COMMAND ${CMAKE_COMMAND} -DCLI=$<TARGET_FILE:turnaround-cli> -DDOT=${GRAPHVIZ_DOT}
                   -DOUT=${CMAKE_CURRENT_BINARY_DIR}/graph-dot "-DFILES=${AUTHORING_DOT_FILES}"
                   -P ${CMAKE_CURRENT_LIST_FILE})
else()
  message(STATUS "Graphviz 'dot' not found: the graph-dot test is skipped")
endif()
