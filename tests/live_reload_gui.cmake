# Live reload through the window: under Xvfb a scripted playthrough has its scenario file
# rewritten after the first turn, first with a version that does not load (the problems panel
# must appear and play goes on with the old version), then with a good edit (the window must
# reload it and keep the trainee on the same node). The finished run is then checked against the
# engine on the edited file by gui-check-result. This file is both the suite (included by
# tests/CMakeLists.txt) and the script the test runs (cmake -P).
if(CMAKE_SCRIPT_MODE_FILE)
  # Variables: XVFB_RUN GUI CHECKER FIXTURE OUT
  include(${CMAKE_CURRENT_LIST_DIR}/gui/isolated_window_env.cmake)
  file(MAKE_DIRECTORY "${OUT}/library")
  set(ENV{TURNAROUND_RESULTS_DB} "${OUT}/results.db")
  # The scenario played is a copy (it gets overwritten); the two saves are made from it.
  set(scenario ${OUT}/library/scenario.yaml)
  file(READ ${FIXTURE} text)
  file(WRITE ${scenario} "${text}")
  string(REPLACE "  - id: offer\n" "  - id: offer\n    say: [unclosed\n" broken "${text}")
  string(REPLACE "Can you actually fix it?" "So can you actually sort it out?" edited "${text}")
  if(broken STREQUAL text OR edited STREQUAL text)
    message(FATAL_ERROR "the fixture changed: the saves below no longer edit it")
  endif()
  file(WRITE ${OUT}/broken.yaml "${broken}")
  file(WRITE ${OUT}/edited.yaml "${edited}")

  execute_process(
    COMMAND ${XVFB_RUN} -a -s "-screen 0 1400x900x24" ${GUI} ${OUT}/library --scenario ${scenario} --choices 2,1,3
            --rewrite-after-turn 1 --rewrite-with ${OUT}/broken.yaml --rewrite-with ${OUT}/edited.yaml
            --window-size 1280x800 --screenshot-dir ${OUT}/shots --result-file ${OUT}/result.json --exit-when-done
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
  message("${out}${err}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the window's scripted live-reload run failed (exit ${rc})")
  endif()
  file(READ ${OUT}/result.json result)
  string(JSON before GET "${result}" rewrites 0 node)
  string(JSON broken_reloaded GET "${result}" rewrites 1 reloaded)
  string(JSON broken_problems GET "${result}" rewrites 1 problems_shown)
  string(JSON broken_node GET "${result}" rewrites 1 node)
  string(JSON edited_reloaded GET "${result}" rewrites 2 reloaded)
  string(JSON edited_node GET "${result}" rewrites 2 node)
  if(broken_reloaded OR NOT broken_problems)
    message(FATAL_ERROR "the broken save did not show its problems (or replaced the scenario)")
  endif()
  if(NOT broken_node STREQUAL before)
    message(FATAL_ERROR "after the broken save the trainee moved from '${before}' to '${broken_node}'")
  endif()
  if(NOT edited_reloaded)
    message(FATAL_ERROR "the good save was not reloaded")
  endif()
  if(NOT edited_node STREQUAL before)
    message(FATAL_ERROR "the reload moved the trainee from '${before}' to '${edited_node}'")
  endif()
  if(NOT before STREQUAL "details")
    message(FATAL_ERROR "after one turn (choice 2) the trainee should be at 'details', not '${before}'")
  endif()
  execute_process(COMMAND ${CHECKER} ${OUT}/result.json ${scenario} 2,1,3 saved 1280 800 RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the window's result does not agree with the engine on the edited scenario")
  endif()
  return()
endif()

if(TARGET turnaround AND TARGET gui-check-result)
  find_program(XVFB_RUN xvfb-run)
  if(XVFB_RUN)
    add_test(NAME gui-live-reload
      COMMAND ${CMAKE_COMMAND}
        -DXVFB_RUN=${XVFB_RUN} -DGUI=$<TARGET_FILE:turnaround> -DCHECKER=$<TARGET_FILE:gui-check-result>
        -DFIXTURE=${CMAKE_CURRENT_SOURCE_DIR}/gui/fixtures/parcel-for-the-party.yaml
        -DOUT=${CMAKE_CURRENT_BINARY_DIR}/gui-live-reload
        -P ${CMAKE_CURRENT_SOURCE_DIR}/live_reload_gui.cmake)
    set_tests_properties(gui-live-reload PROPERTIES TIMEOUT 300 RUN_SERIAL TRUE)
  endif()
endif()
