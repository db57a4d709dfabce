# The scenario schema checked by Ajv in strict mode (npm package ajv-cli, installed into the build
# tree on first use): the schema compiles, every bundled scenario validates, and on the cases where
# lint and the schema used to disagree Ajv gives lint's verdict; what `new` and `import-twine` write
# validates too. Needs node and npm.
add_test(NAME schema-ajv
  COMMAND ${CMAKE_COMMAND}
    -DTESTS=$<TARGET_FILE:turnaround-tests>
    -DCLI=$<TARGET_FILE:turnaround-cli>
    -DNODE_PREFIX=${CMAKE_BINARY_DIR}/ajv-node
    -DWORK=${CMAKE_CURRENT_BINARY_DIR}/schema-ajv-work
    -DSOURCE_DIR=${TURNAROUND_SOURCE_DIR}
    -P ${CMAKE_CURRENT_SOURCE_DIR}/schema_ajv/run.cmake)
set_tests_properties(schema-ajv PROPERTIES TIMEOUT 300)
