# The workshop room in a real browser: Debian's chromium, headless, driven by puppeteer-core
# (installed into the build tree on first use; it never downloads a browser). Four phones join a
# room opened by `turnaround-cli room`, vote, see the reveal, a called tie, a majority and the
# debrief; the facilitator page steps the room. Screenshots stay in the folder. Without chromium,
# node or npm, or with the npm registry out of reach, the test says why and is skipped.
find_program(CHROMIUM_EXECUTABLE NAMES chromium chromium-browser)
add_test(NAME room-browser
  COMMAND ${CMAKE_COMMAND}
    -DCLI=$<TARGET_FILE:turnaround-cli>
    -DCHROMIUM=${CHROMIUM_EXECUTABLE}
    -DNODE_PREFIX=${CMAKE_BINARY_DIR}/room-browser-node
    -DSCENARIO=${TURNAROUND_SOURCE_DIR}/scenarios/examples/wrong-size-boots.yaml
    -DOUT=${CMAKE_CURRENT_BINARY_DIR}/room-browser
    -P ${CMAKE_CURRENT_SOURCE_DIR}/room_browser/run.cmake)
set_tests_properties(room-browser PROPERTIES TIMEOUT 300 SKIP_REGULAR_EXPRESSION "room-browser skipped: ")
