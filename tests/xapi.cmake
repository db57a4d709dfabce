# xAPI export checked with a real validator (npm package xapi-validation). Needs node and npm;
# without them the test fails and says so.
add_test(NAME xapi
  COMMAND ${CMAKE_COMMAND}
    -DCLI=$<TARGET_FILE:turnaround-cli>
    -DTESTS=$<TARGET_FILE:turnaround-tests>
    -DNODE_PREFIX=${CMAKE_BINARY_DIR}/xapi-node
    -DWORK=${CMAKE_CURRENT_BINARY_DIR}/xapi-work
    -DSOURCE_DIR=${TURNAROUND_SOURCE_DIR}
    -P ${CMAKE_CURRENT_SOURCE_DIR}/xapi/run.cmake)
set_tests_properties(xapi PROPERTIES TIMEOUT 300)
