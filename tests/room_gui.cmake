# The window as a workshop room's projector: waiting, voting, the reveal and the end, with
# participants joining and voting over HTTP on 127.0.0.1 (Node's fetch stands in for their
# phones here; tests/room_browser covers a real browser). Screenshots stay in the folder.
if(TARGET turnaround)
  find_program(XVFB_RUN xvfb-run)
  find_program(NODE_EXECUTABLE node)
  if(XVFB_RUN AND NODE_EXECUTABLE)
    add_test(NAME gui-room-projector
      COMMAND ${CMAKE_COMMAND} -DNODE=${NODE_EXECUTABLE} -DGUI=$<TARGET_FILE:turnaround> -DCLI=$<TARGET_FILE:turnaround-cli>
        -DSCENARIO=${TURNAROUND_SOURCE_DIR}/scenarios/examples/wrong-size-boots.yaml
        -DOUT=${CMAKE_CURRENT_BINARY_DIR}/gui-room-projector
        -P ${CMAKE_CURRENT_SOURCE_DIR}/gui/room_projector.cmake)
    set_tests_properties(gui-room-projector PROPERTIES TIMEOUT 180 RUN_SERIAL TRUE)
  else()
    add_test(NAME gui-room-projector COMMAND ${CMAKE_COMMAND} -E echo "skipped: needs xvfb-run and node")
    set_tests_properties(gui-room-projector PROPERTIES SKIP_REGULAR_EXPRESSION "skipped")
  endif()
endif()
