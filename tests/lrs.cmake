# Statements sent to a real learning record store: lrs/with_lrs.sh installs Learning Locker's statement
# service (npm xapi-statements) into the build tree on first use, starts it on 127.0.0.1 with a fault gate
# in front, and runs the doctest suite "lrs" against it (offline then reconnected, a lost answer, a busy
# LRS, refused credentials, a conflicting id, the CLI). Without node/npm or the registry: skipped (77).
if(TARGET turnaround_store)
  add_test(NAME lrs
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/lrs/with_lrs.sh ${CMAKE_CURRENT_BINARY_DIR}/lrs-work
            ${CMAKE_BINARY_DIR}/lrs-node $<TARGET_FILE:turnaround-tests> --test-suite=lrs)
  set_tests_properties(lrs PROPERTIES
    WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}
    SKIP_RETURN_CODE 77
    TIMEOUT 600)
endif()
