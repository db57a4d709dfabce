# Four customers who look different (tests/gui/fixtures/faces/: a headscarf and glasses; older, bald
# with a beard; young with curls; a beard and short hair), each played through in the window so
# every appearance path is drawn. Their screenshots are the ones to look at after a face change.
# (Included before gui.cmake, which defines gui-check-result: the generator expressions resolve later.)
find_program(XVFB_RUN xvfb-run)
if(TARGET turnaround AND XVFB_RUN)
  foreach(person amira walter keisha ravi)
    add_test(NAME gui-face-${person}
      COMMAND ${CMAKE_COMMAND}
        -DXVFB_RUN=${XVFB_RUN} -DGUI=$<TARGET_FILE:turnaround> -DCHECKER=$<TARGET_FILE:gui-check-result>
        -DSCENARIO=${CMAKE_CURRENT_SOURCE_DIR}/gui/fixtures/faces/parcel-${person}.yaml
        -DFOLDER=${CMAKE_CURRENT_SOURCE_DIR}/gui/fixtures/faces
        -DKEYS=2,1,3 -DENDING=saved -DWIDTH=1280 -DHEIGHT=800
        -DOUT=${CMAKE_CURRENT_BINARY_DIR}/gui-face-${person}
        -P ${CMAKE_CURRENT_SOURCE_DIR}/gui/scripted_run.cmake)
    set_tests_properties(gui-face-${person} PROPERTIES TIMEOUT 180 RUN_SERIAL TRUE)
  endforeach()
endif()
