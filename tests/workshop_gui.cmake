# The window records attempts in the results store: two scripted playthroughs under Xvfb, then the
# CLI reads the database back. This file is both the suite (included by tests/CMakeLists.txt) and
# the script the test runs (cmake -P).
if(CMAKE_SCRIPT_MODE_FILE)
  # Variables: XVFB_RUN GUI CLI SCENARIO OUT
  include(${CMAKE_CURRENT_LIST_DIR}/gui/isolated_window_env.cmake)
  set(ENV{TURNAROUND_RESULTS_DB} "${OUT}/results.db")
  set(ENV{TURNAROUND_TRAINEE} "Window Trainee")
  foreach(keys "2,1,3" "3,2,2")
    execute_process(
      COMMAND ${XVFB_RUN} -a -s "-screen 0 1400x900x24" ${GUI} --scenario ${SCENARIO} --choices ${keys}
              --window-size 1280x800 --screenshot-dir ${OUT}/shots --result-file ${OUT}/result.json --exit-when-done
      RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "the window's scripted run (${keys}) failed (exit ${rc}):\n${out}${err}")
    endif()
  endforeach()
  # A third run stops after one decision: the window closes mid-conversation (the scripted run
  # gives up when its keys run out), and that abandoned attempt must still be recorded.
  execute_process(
    COMMAND ${XVFB_RUN} -a -s "-screen 0 1400x900x24" ${GUI} --scenario ${SCENARIO} --choices 2
            --window-size 1280x800 --result-file ${OUT}/abandoned.json --exit-when-done
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
  if(rc EQUAL 0 OR NOT "${out}${err}" MATCHES "ran out before an ending")
    message(FATAL_ERROR "the one-decision run should stop mid-conversation (exit ${rc}):\n${out}${err}")
  endif()
  execute_process(COMMAND ${CLI} export --format csv --trainee "window trainee" --db ${OUT}/results.db
                  RESULT_VARIABLE rc OUTPUT_VARIABLE csv ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "export failed (exit ${rc}): ${err}")
  endif()
  message("${csv}")
  string(REGEX MATCHALL "\n[0-9a-f-]+,Window Trainee," rows "${csv}")
  list(LENGTH rows n)
  if(NOT n EQUAL 3)
    message(FATAL_ERROR "expected 3 recorded attempts for the trainee (2 finished, 1 abandoned), found ${n}")
  endif()
  # completed=no, no ending, and the one decision taken (columns: ...,completed,ending_id,ending_type,...,choices,turn_seconds,order_seed)
  # A scripted run without --seed shows the file order: order_seed is empty.
  if(NOT csv MATCHES ",no,,,[^\n]*,opening#2,[0-9.]+,\r?\n")
    message(FATAL_ERROR "the attempt abandoned by closing the window was not recorded with its one decision")
  endif()
  if(NOT csv MATCHES ",yes,saved,[a-z]+," OR NOT csv MATCHES ",yes,lost,lost,")
    message(FATAL_ERROR "the recorded endings do not match the playthroughs (saved, then lost)")
  endif()
  # Each attempt keeps its choices and a thinking time per turn.
  if(NOT csv MATCHES ",opening#2 details#1 offer#3,[0-9.]+ [0-9.]+ [0-9.]+,\r?\n")
    message(FATAL_ERROR "the first attempt's choices and per-turn times were not recorded")
  endif()
  return()
endif()

if(TARGET turnaround AND TARGET turnaround_store)
  find_program(XVFB_RUN xvfb-run)
  if(XVFB_RUN)
    add_test(NAME gui-records-attempts
      COMMAND ${CMAKE_COMMAND}
        -DXVFB_RUN=${XVFB_RUN} -DGUI=$<TARGET_FILE:turnaround> -DCLI=$<TARGET_FILE:turnaround-cli>
        -DSCENARIO=${CMAKE_CURRENT_SOURCE_DIR}/gui/fixtures/parcel-for-the-party.yaml
        -DOUT=${CMAKE_CURRENT_BINARY_DIR}/gui-records
        -P ${CMAKE_CURRENT_SOURCE_DIR}/workshop_gui.cmake)
    set_tests_properties(gui-records-attempts PROPERTIES TIMEOUT 300 RUN_SERIAL TRUE)
  endif()
endif()
