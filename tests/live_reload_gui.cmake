# Live reload through the window: under Xvfb a scripted playthrough has its scenario file
# rewritten after the first turn, first with a version that does not load (the problems panel
# must appear and play goes on with the old version), then with a good edit (the window must
# reload it and keep the trainee on the same node). The finished run is then checked against the
# engine on the edited file by gui-check-result. This file is both the suite (included by
# tests/CMakeLists.txt) and the script the test runs (cmake -P).
if(CMAKE_SCRIPT_MODE_FILE AND MODE STREQUAL "author-idle")
  # The Author screen left alone while the trainer saves a broken file in their editor: the script
  # shows the map (the conversation's 45 s timer must stand still meanwhile), writes the broken
  # save, then injects nothing at all. The idle loop has to wake on the file watcher's poll and
  # draw the problems panel by itself, within a poll interval and the watcher's settling time.
  include(${CMAKE_CURRENT_LIST_DIR}/gui/isolated_window_env.cmake)
  file(MAKE_DIRECTORY "${OUT}/library")
  set(ENV{TURNAROUND_RESULTS_DB} "${OUT}/results.db")
  set(scenario ${OUT}/library/scenario.yaml)
  file(READ ${FIXTURE} text)
  file(WRITE ${scenario} "${text}")
  string(REPLACE "  - id: offer\n" "  - id: offer\n    say: [unclosed\n" broken "${text}")
  if(broken STREQUAL text)
    message(FATAL_ERROR "the fixture changed: the broken save no longer edits it")
  endif()
  file(WRITE ${OUT}/broken.yaml "${broken}")
  # The trainer's editor is a stand-in 'code' that notes how it was asked to open the file.
  file(MAKE_DIRECTORY ${OUT}/bin)
  file(WRITE ${OUT}/bin/code "#!/bin/sh\nprintf '%s\\n' \"$@\" > ${OUT}/editor-args.txt\n")
  file(CHMOD ${OUT}/bin/code PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
  set(ENV{VISUAL} "code --wait")
  set(ENV{PATH} "${OUT}/bin:$ENV{PATH}")
  execute_process(
    COMMAND ${XVFB_RUN} -a -s "-screen 0 1400x900x24" ${GUI} ${OUT}/library --scenario ${scenario} --author
            --author-open details --idle-rewrite ${OUT}/broken.yaml --window-size 1280x800 --screenshot-dir ${OUT}/shots
            --result-file ${OUT}/result.json --exit-when-done
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
  message("${out}${err}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the window's scripted idle save failed (exit ${rc})")
  endif()
  file(READ ${OUT}/result.json result)
  string(JSON shown GET "${result}" idle problems_shown)
  string(JSON seconds GET "${result}" idle seconds)
  string(JSON inputs GET "${result}" idle input_events)
  string(JSON before GET "${result}" author timer_before)
  string(JSON after GET "${result}" author timer_after)
  string(JSON away GET "${result}" author away)
  message("idle save: problems drawn after ${seconds} s, ${inputs} input events; timer ${before} s before the map, ${after} s after ${away} s away")
  if(NOT shown)
    message(FATAL_ERROR "the idle window never drew the problems panel")
  endif()
  # A click on the node 'details' opened the editor at its line, without --wait.
  string(FIND "${text}" "\n  - id: details\n" at)
  string(SUBSTRING "${text}" 0 ${at} before_details)
  string(REGEX MATCHALL "\n" newlines "${before_details}")
  list(LENGTH newlines details_line)
  math(EXPR details_line "${details_line} + 2")
  foreach(i RANGE 50)
    if(EXISTS ${OUT}/editor-args.txt)
      break()
    endif()
    execute_process(COMMAND ${CMAKE_COMMAND} -E sleep 0.1)
  endforeach()
  if(NOT EXISTS ${OUT}/editor-args.txt)
    message(FATAL_ERROR "clicking 'details' on the map did not start the editor")
  endif()
  file(READ ${OUT}/editor-args.txt args)
  string(REPLACE "\n" " " args "${args}")
  if(NOT args MATCHES "^--goto [^ ]*/scenario.yaml:${details_line} $")
    message(FATAL_ERROR "the editor was asked '${args}', not '--goto .../scenario.yaml:${details_line}'")
  endif()
  # Poll every 0.4 s, settle 0.3 s: a second and a half leaves room for a busy machine, not for a
  # panel that waits for the mouse or the notice's expiry (8 s).
  if(seconds GREATER 1.5)
    message(FATAL_ERROR "the problems panel took ${seconds} s to appear with no input (at most 1.5 s)")
  endif()
  if(NOT inputs EQUAL 0)
    message(FATAL_ERROR "${inputs} input events reached the window while it was meant to be idle")
  endif()
  if(before LESS 40 OR away LESS 1.5)
    message(FATAL_ERROR "the run did not look at the map with the 45 s timer running (${before} s left, ${away} s away)")
  endif()
  string(JSON lost GET "${result}" author timer_lost)
  if(lost GREATER 0.3)
    message(FATAL_ERROR "the response timer ran ${lost} s while the Author screen was shown: ${before} s left before, ${after} s after")
  endif()
  return()
endif()

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
    add_test(NAME gui-author-idle-save
      COMMAND ${CMAKE_COMMAND} -DMODE=author-idle
        -DXVFB_RUN=${XVFB_RUN} -DGUI=$<TARGET_FILE:turnaround>
        -DFIXTURE=${CMAKE_CURRENT_SOURCE_DIR}/gui/fixtures/parcel-for-the-party.yaml
        -DOUT=${CMAKE_CURRENT_BINARY_DIR}/gui-author-idle-save
        -P ${CMAKE_CURRENT_SOURCE_DIR}/live_reload_gui.cmake)
    set_tests_properties(gui-author-idle-save PROPERTIES TIMEOUT 120 RUN_SERIAL TRUE)
  endif()
endif()
