# Included by the window test scripts (cmake -P) before they start the window: a fresh ${OUT}
# folder, and an environment in which the run touches none of the user's settings or results.
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}/config" "${OUT}/data")
set(ENV{XDG_CONFIG_HOME} "${OUT}/config")
set(ENV{XDG_DATA_HOME} "${OUT}/data")
set(ENV{LIBGL_ALWAYS_SOFTWARE} "1")
# Under `make asan`, leaks inside the system's GL, X and ImGui libraries are not ours to report;
# the engine, scoring and store are leak-checked by the unit tests.
if(NOT DEFINED ENV{ASAN_OPTIONS})
  set(ENV{ASAN_OPTIONS} "detect_leaks=0")
endif()
