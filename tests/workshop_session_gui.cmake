# A facilitated workshop through the window: under Xvfb the scripted run opens the Workshop
# screen, starts a session with two teams (the room deciding together, or each team on its own), clicks the votes in at each decision, reveals them and
# goes on with the majority to the end. The expected ending comes from the engine (turnaround-cli
# play on the majority path worked out here from the votes); the CLI then reads the recorded
# session back. This file is both the suite (included by tests/CMakeLists.txt) and the script the
# test runs (cmake -P).
if(CMAKE_SCRIPT_MODE_FILE)
  # Variables: XVFB_RUN GUI CLI SCENARIO VOTES OUT [TEAMS] [SEED: the session's options are shuffled
  # by it; vote letters are positions as shown, and the engine (play --seed) gives the file indices]
  include(${CMAKE_CURRENT_LIST_DIR}/gui/isolated_window_env.cmake)
  set(ENV{TURNAROUND_RESULTS_DB} "${OUT}/results.db")

  # The majority at each decision: most votes, the option offered first on a tie. One
  # conversation per '/'-separated group: the room's, or (TEAMS) Team A's, then Team B's.
  set(letters A B C D E F G H I)
  string(REPLACE "/" ";" groups "${VOTES}")
  set(all_keys "")
  foreach(group IN LISTS groups)
    set(keys "")
    string(REPLACE "," ";" decisions "${group}")
    foreach(votes IN LISTS decisions)
      set(best 0)
      set(best_count 0)
      foreach(k RANGE 1 9)
        math(EXPR i "${k} - 1")
        list(GET letters ${i} letter)
        string(REGEX MATCHALL "${letter}" hits "${votes}")
        list(LENGTH hits count)
        if(count GREATER best_count)
          set(best ${k})
          set(best_count ${count})
        endif()
      endforeach()
      list(APPEND keys ${best})
    endforeach()
    string(REPLACE ";" "," keys "${keys}")
    list(APPEND all_keys "${keys}")
  endforeach()

  set(mode_options "")
  if(TEAMS)
    set(mode_options --workshop-teams)
  endif()
  set(seed_options "")
  if(DEFINED SEED)
    set(seed_options --seed ${SEED})
  endif()
  execute_process(
    COMMAND ${XVFB_RUN} -a -s "-screen 0 1400x900x24" ${GUI} ${SCENARIO} --scenario ${SCENARIO}
            --workshop-votes ${VOTES} ${mode_options} ${seed_options} --window-size 1280x800 --screenshot-dir ${OUT}/shots
            --result-file ${OUT}/result.json --exit-when-done
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
  message("${out}${err}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the window's scripted workshop failed (exit ${rc})")
  endif()
  file(READ ${OUT}/result.json result)
  string(JSON ended GET "${result}" ended)
  string(JSON session GET "${result}" session_id)
  string(JSON tracks LENGTH "${result}" tracks)
  list(LENGTH all_keys expected_tracks)
  if(NOT ended)
    message(FATAL_ERROR "the workshop did not reach an ending")
  endif()
  string(JSON order_seed GET "${result}" order_seed)
  if(DEFINED SEED AND NOT order_seed STREQUAL SEED)
    message(FATAL_ERROR "the workshop session's order seed is ${order_seed}, not ${SEED}")
  elseif(NOT DEFINED SEED AND NOT order_seed STREQUAL "")
    message(FATAL_ERROR "a scripted workshop without --seed should keep the file order, but has seed ${order_seed}")
  endif()
  if(NOT tracks EQUAL expected_tracks)
    message(FATAL_ERROR "the workshop played ${tracks} conversations, the votes are for ${expected_tracks}")
  endif()
  foreach(shot workshop-vote workshop-reveal workshop-end)
    if(NOT EXISTS ${OUT}/shots/${shot}.png)
      message(FATAL_ERROR "no screenshot ${shot}.png")
    endif()
  endforeach()

  # The session is in the results store, with the votes and the option taken at each decision.
  execute_process(COMMAND ${CLI} report --session ${session} --db ${OUT}/results.db
                  RESULT_VARIABLE rc OUTPUT_VARIABLE report ERROR_VARIABLE err)
  message("${report}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "report --session ${session} failed (exit ${rc}): ${err}")
  endif()

  set(t 0)
  foreach(keys IN LISTS all_keys)
    # The engine alone, on this conversation's majority path.
    execute_process(COMMAND ${CLI} play ${seed_options} --choices ${keys} --json ${SCENARIO}
                    RESULT_VARIABLE rc OUTPUT_VARIABLE expected ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "turnaround-cli play --choices ${keys} failed (exit ${rc}): ${err}")
    endif()
    string(JSON expected_ending GET "${expected}" ending id)
    string(JSON name GET "${result}" tracks ${t} name)
    string(JSON ending GET "${result}" tracks ${t} ending_id)
    string(JSON n LENGTH "${result}" tracks ${t} choice_path)
    set(got "")
    set(path "")
    # The file indices the engine took: each turn's "choice" (positions only equal them in file order).
    string(JSON turns LENGTH "${expected}" turns)
    set(key_list "")
    math(EXPR last_turn "${turns} - 1")
    foreach(i RANGE ${last_turn})
      string(JSON index GET "${expected}" turns ${i} choice)
      list(APPEND path ${index})
      math(EXPR k "${index} + 1")
      list(APPEND key_list ${k})
    endforeach()
    if(DEFINED SEED AND key_list STREQUAL "${keys}")
      string(REPLACE ";" "," shown "${keys}")
      message(FATAL_ERROR "with seed ${SEED} the majority positions ${shown} are the file order: the test shows no shuffle")
    endif()
    if(n GREATER 0)
      math(EXPR last "${n} - 1")
      foreach(i RANGE ${last})
        string(JSON c GET "${result}" tracks ${t} choice_path ${i})
        list(APPEND got ${c})
      endforeach()
    endif()
    if(NOT ending STREQUAL expected_ending)
      message(FATAL_ERROR "${name} ended '${ending}', the engine on the majority path ${keys} ends '${expected_ending}'")
    endif()
    if(NOT got STREQUAL path)
      message(FATAL_ERROR "${name} took choices ${got}, the majority of the votes is ${path}")
    endif()
    # The report names replies by the letters the room saw: the majority's position at each decision.
    set(d 0)
    string(REPLACE "," ";" positions "${keys}")
    foreach(k IN LISTS positions)
      math(EXPR d "${d} + 1")
      math(EXPR i "${k} - 1")
      list(GET letters ${i} letter)
      if(NOT report MATCHES "${name} +decision ${d}:[^\n]* ${letter} [0-9]+\\*")
        message(FATAL_ERROR "the recorded session does not show reply ${letter} taken by ${name} at decision ${d}")
      endif()
    endforeach()
    math(EXPR t "${t} + 1")
  endforeach()
  return()
endif()

if(TARGET turnaround AND TARGET turnaround_store)
  find_program(XVFB_RUN xvfb-run)
  if(XVFB_RUN)
    add_test(NAME gui-workshop-session
      COMMAND ${CMAKE_COMMAND}
        -DXVFB_RUN=${XVFB_RUN} -DGUI=$<TARGET_FILE:turnaround> -DCLI=$<TARGET_FILE:turnaround-cli>
        -DSCENARIO=${CMAKE_CURRENT_SOURCE_DIR}/gui/fixtures/parcel-for-the-party.yaml
        -DVOTES=BBA,AAB,CCB
        -DOUT=${CMAKE_CURRENT_BINARY_DIR}/gui-workshop-session
        -P ${CMAKE_CURRENT_SOURCE_DIR}/workshop_session_gui.cmake)
    set_tests_properties(gui-workshop-session PROPERTIES TIMEOUT 300 RUN_SERIAL TRUE)
    # Each team plays its own conversation (Team A saves the party, Team B loses it); at the end
    # the teams are compared.
    add_test(NAME gui-workshop-teams
      COMMAND ${CMAKE_COMMAND}
        -DXVFB_RUN=${XVFB_RUN} -DGUI=$<TARGET_FILE:turnaround> -DCLI=$<TARGET_FILE:turnaround-cli>
        -DSCENARIO=${CMAKE_CURRENT_SOURCE_DIR}/gui/fixtures/parcel-for-the-party.yaml
        -DVOTES=BBA,AAB,CCB/CCA,BB,BBC -DTEAMS=ON
        -DOUT=${CMAKE_CURRENT_BINARY_DIR}/gui-workshop-teams
        -P ${CMAKE_CURRENT_SOURCE_DIR}/workshop_session_gui.cmake)
    set_tests_properties(gui-workshop-teams PROPERTIES TIMEOUT 300 RUN_SERIAL TRUE)
    # One shuffled order for the whole room (--seed): the letters voted are positions as shown.
    add_test(NAME gui-workshop-shuffled
      COMMAND ${CMAKE_COMMAND}
        -DXVFB_RUN=${XVFB_RUN} -DGUI=$<TARGET_FILE:turnaround> -DCLI=$<TARGET_FILE:turnaround-cli>
        -DSCENARIO=${CMAKE_CURRENT_SOURCE_DIR}/gui/fixtures/parcel-for-the-party.yaml
        -DVOTES=CCA,BBA,AAB -DSEED=10
        -DOUT=${CMAKE_CURRENT_BINARY_DIR}/gui-workshop-shuffled
        -P ${CMAKE_CURRENT_SOURCE_DIR}/workshop_session_gui.cmake)
    set_tests_properties(gui-workshop-shuffled PROPERTIES TIMEOUT 300 RUN_SERIAL TRUE)
  endif()
endif()
