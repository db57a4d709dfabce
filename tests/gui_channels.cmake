# The window shows each channel as people know it: a chat, an email being answered, a public
# review with its reply (then taken offline by email), a phone call with its bar and running
# timer. Each scripted run plays its fixture to the ending the engine agrees on and leaves
# screenshots (library, opening, typing, conversation, debrief) in its folder for a reader to
# look at.
if(TARGET turnaround AND TARGET gui-check-result)
  find_program(XVFB_RUN xvfb-run)
  if(XVFB_RUN)
    set(CHANNEL_FIXTURES ${CMAKE_CURRENT_SOURCE_DIR}/gui/fixtures/channels)
    foreach(run "chat-refund;2,1,2;sorted" "email-late-invoice;1,2,1;settled" "review-cold-coffee;2,1,1;back-again"
                "phone-broadband-down;2,1,2;back-online")
      list(GET run 0 name)
      list(GET run 1 keys)
      list(GET run 2 ending)
      add_test(NAME gui-scripted-channel-${name}
        COMMAND ${CMAKE_COMMAND}
          -DXVFB_RUN=${XVFB_RUN} -DGUI=$<TARGET_FILE:turnaround> -DCHECKER=$<TARGET_FILE:gui-check-result>
          -DSCENARIO=${CHANNEL_FIXTURES}/${name}.yaml -DFOLDER=${CHANNEL_FIXTURES}
          -DKEYS=${keys} -DENDING=${ending} -DWIDTH=1280 -DHEIGHT=800
          -DOUT=${CMAKE_CURRENT_BINARY_DIR}/gui-run-channel-${name}
          -P ${CMAKE_CURRENT_SOURCE_DIR}/gui/scripted_run.cmake)
      set_tests_properties(gui-scripted-channel-${name} PROPERTIES TIMEOUT 180 RUN_SERIAL TRUE)
    endforeach()
  endif()
endif()
