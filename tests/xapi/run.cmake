# Exports statements from a results database filled through the CLI and validates them with the
# xapi-validation npm package (installed into the build tree on first use).
# Called by tests/xapi.cmake with -DCLI= -DTESTS= -DNODE_PREFIX= -DWORK= -DSOURCE_DIR=.
find_program(NPM npm)
find_program(NODE node)
if(NOT NPM OR NOT NODE)
  message(FATAL_ERROR "xAPI test: node and npm are needed (Debian packages nodejs and npm; tools/setup.sh installs them)")
endif()

if(NOT EXISTS "${NODE_PREFIX}/node_modules/xapi-validation/package.json")
  execute_process(COMMAND "${NPM}" install --no-audit --no-fund --prefix "${NODE_PREFIX}" xapi-validation
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "xAPI test: npm install xapi-validation failed (${rc}):\n${out}\n${err}")
  endif()
endif()

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(DB "${WORK}/results.db")

function(cli)
  execute_process(COMMAND "${CLI}" ${ARGN} --db "${DB}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "turnaround-cli ${ARGN} failed (${rc}):\n${out}\n${err}")
  endif()
endfunction()

set(CAKE "${SOURCE_DIR}/scenarios/late-birthday-cake.yaml")
cli(trainee add "Ana Silva" --team Blue)
cli(trainee add "Zoë \"Z\" O'Neill, =HYPERLINK()")
# A finished attempt that passes, one that ends badly, and one abandoned half-way.
cli(trainee record "Ana Silva" "${CAKE}" --choices 1,1,1,1,1,1,1 --turn-seconds 4,6.5,3,8,2,5,3)
cli(trainee record "Ana Silva" "${CAKE}" --choices 2,2)
cli(trainee record "Zoë \"Z\" O'Neill, =HYPERLINK()" "${CAKE}" --choices 1,2 --turn-seconds 1.25,0.5)

execute_process(COMMAND "${CLI}" export --format xapi --db "${DB}" -o "${WORK}/statements.json"
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "export failed (${rc}): ${err}")
endif()
# Edge cases written by the unit tests (workshop groups, abandoned attempts, odd characters).
set(ENV{TURNAROUND_XAPI_SAMPLE} "${WORK}/edge-cases.json")
execute_process(COMMAND "${TESTS}" "--test-case=xAPI sample statements for the validator"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT EXISTS "${WORK}/edge-cases.json")
  message(FATAL_ERROR "writing the edge-case statements failed (${rc}):\n${out}\n${err}")
endif()

foreach(pair "statements.json;14" "edge-cases.json;5")
  list(GET pair 0 file)
  list(GET pair 1 count)
  execute_process(COMMAND "${NODE}" "${SOURCE_DIR}/tests/xapi/validate.js" "${NODE_PREFIX}" "${WORK}/${file}" ${count}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message("${file}: ${out}${err}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "xAPI statements in ${file} are not valid")
  endif()
endforeach()
