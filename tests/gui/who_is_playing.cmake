# "Who is playing?" as a trainee meets it (and the Cohort screen the trainer then opens): the window asks before the first conversation, the
# trainee picks their name, and the attempt is kept for them; or they play without a name and
# nothing is recorded, having been told so.
# Variables: XVFB_RUN GUI CLI SCENARIO KEYS OUT
include(${CMAKE_CURRENT_LIST_DIR}/isolated_window_env.cmake)
set(db ${OUT}/results.db)
foreach(name Ana Ben)
  execute_process(COMMAND ${CLI} trainee add ${name} --db ${db} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "could not add trainee ${name}")
  endif()
endforeach()

function(run_window answer shots)
  execute_process(
    COMMAND ${XVFB_RUN} -a -s "-screen 0 1400x900x24"
            ${GUI} --scenario ${SCENARIO} --choices ${KEYS} --db ${db} --ask-who-is-playing ${answer} --cohort
            --window-size 1280x800 --screenshot-dir ${shots} --exit-when-done
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
  message("${out}${err}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the window's run answering '${answer}' failed (exit ${rc})")
  endif()
  if(NOT EXISTS ${shots}/who-is-playing.png)
    message(FATAL_ERROR "the window did not ask who is playing (no who-is-playing.png)")
  endif()
  if(NOT EXISTS ${shots}/cohort.png)  # the trainer's Cohort screen, drawn from the same store
    message(FATAL_ERROR "the Cohort screen was not shown (no cohort.png)")
  endif()
endfunction()

function(expect_attempts name count)
  execute_process(COMMAND ${CLI} trainee list --db ${db} OUTPUT_VARIABLE list RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0 OR NOT list MATCHES "${name}[^\n]* ${count} attempts?")
    message(FATAL_ERROR "expected ${count} attempt(s) for ${name}, the store says:\n${list}")
  endif()
endfunction()

run_window(Ben ${OUT}/as-ben)
expect_attempts(Ben 1)
expect_attempts(Ana 0)
run_window(- ${OUT}/unkept)
expect_attempts(Ben 1)  # played without a name: nothing recorded, for anyone
expect_attempts(Ana 0)
