# Runs drive.mjs (cmake -P): installs puppeteer-core into NODE_PREFIX on first use, then drives
# the system chromium through a workshop room. Called by tests/room_browser.cmake with
# -DCLI= -DCHROMIUM= -DNODE_PREFIX= -DSCENARIO= -DOUT=.
# A missing prerequisite stops with "room-browser skipped: <why>", which the test's
# SKIP_REGULAR_EXPRESSION counts as skipped (cmake -P has no exit code of its own before 3.29).
function(skip why)
  message("room-browser skipped: ${why}")
  message(FATAL_ERROR "room-browser: not run")
endfunction()

if(NOT CHROMIUM OR NOT EXISTS "${CHROMIUM}")
  skip("no chromium (Debian package chromium; tools/setup.sh installs it)")
endif()
find_program(NODE node)
find_program(NPM npm)
if(NOT NODE OR NOT NPM)
  skip("node and npm are needed (Debian packages nodejs and npm; tools/setup.sh installs them)")
endif()

set(ENV{PUPPETEER_SKIP_DOWNLOAD} 1)  # puppeteer-core downloads nothing; this keeps it so
set(ENV{PUPPETEER_SKIP_CHROME_DOWNLOAD} 1)
if(NOT EXISTS "${NODE_PREFIX}/node_modules/puppeteer-core/package.json")
  execute_process(COMMAND "${NPM}" install --no-audit --no-fund --prefix "${NODE_PREFIX}" puppeteer-core
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
  if(NOT rc EQUAL 0)
    if("${out}${err}" MATCHES "ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|network|proxy" OR rc MATCHES "timeout")
      skip("npm install puppeteer-core could not reach the registry (${rc}):\n${err}")
    endif()
    message(FATAL_ERROR "room-browser: npm install puppeteer-core failed (${rc}):\n${out}\n${err}")
  endif()
endif()

execute_process(COMMAND "${NODE}" "${CMAKE_CURRENT_LIST_DIR}/drive.mjs" "${NODE_PREFIX}" "${CLI}" "${SCENARIO}" "${OUT}" "${CHROMIUM}"
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "room-browser: drive.mjs failed (${rc}); screenshots in ${OUT}")
endif()
