# The shared results store against a real PostgreSQL server: pg/with_cluster.sh makes a throwaway cluster
# (initdb + pg_ctl from Debian's postgresql package) on a free port on 127.0.0.1, and runs the doctest suite
# store-contract with TURNAROUND_TEST_PG_URL pointing at it. Real, not mocked, because what the store
# promises (transactions, concurrent writers, acknowledged commits surviving a killed writer) is the
# server's behaviour, which a mock would only restate. Without the server binaries the test is skipped (77).
if(TARGET turnaround_store)
  add_test(NAME store-postgres
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/pg/with_cluster.sh ${CMAKE_CURRENT_BINARY_DIR}/pg-work
            $<TARGET_FILE:turnaround-tests> --test-suite=store-contract)
  set_tests_properties(store-postgres PROPERTIES
    WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}
    SKIP_RETURN_CODE 77
    TIMEOUT 900)
endif()
