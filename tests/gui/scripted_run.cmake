# Runs the window under Xvfb with simulated input, then checks its result against the engine.
# Variables: XVFB_RUN GUI CHECKER SCENARIO FOLDER KEYS ENDING WIDTH HEIGHT OUT [EXTRA: more window options]
#            [SEED: the replies are shown shuffled by it; KEYS are then positions in that order]
include(${CMAKE_CURRENT_LIST_DIR}/isolated_window_env.cmake)
set(seed_option "")
set(seed_arg "")
if(DEFINED SEED)
  set(seed_option --seed ${SEED})
  set(seed_arg ${SEED})
endif()
execute_process(
  COMMAND ${XVFB_RUN} -a -s "-screen 0 1400x900x24"
          ${GUI} ${FOLDER} --scenario ${SCENARIO} --choices ${KEYS}
          --window-size ${WIDTH}x${HEIGHT} --screenshot-dir ${OUT} --result-file ${OUT}/result.json --exit-when-done
          ${EXTRA} ${seed_option}
  RESULT_VARIABLE gui_rc
  OUTPUT_VARIABLE gui_out
  ERROR_VARIABLE gui_err
  TIMEOUT 120)
message("${gui_out}${gui_err}")
if(NOT gui_rc EQUAL 0)
  message(FATAL_ERROR "the window's scripted run failed (exit ${gui_rc})")
endif()
execute_process(
  COMMAND ${CHECKER} ${OUT}/result.json ${SCENARIO} ${KEYS} ${ENDING} ${WIDTH} ${HEIGHT} ${seed_arg}
  RESULT_VARIABLE check_rc)
if(NOT check_rc EQUAL 0)
  message(FATAL_ERROR "the window's result does not agree with the engine")
endif()
