# The app's own artwork (assets/): the window icon loads at the sizes the window asks for, and the
# PNGs in assets/ are exactly what tools/icon/make_icon draws (so the artwork has a source).
find_path(STB_INCLUDE_DIR stb_image.h PATH_SUFFIXES stb)
find_library(STB_LIBRARY stb)
if(STB_INCLUDE_DIR AND STB_LIBRARY)
  target_include_directories(turnaround-tests PRIVATE ${STB_INCLUDE_DIR})
  target_link_libraries(turnaround-tests PRIVATE ${STB_LIBRARY})
  target_compile_definitions(turnaround-tests PRIVATE TURNAROUND_HAVE_STB=1
    TURNAROUND_ASSETS_DIR="${TURNAROUND_SOURCE_DIR}/assets")

  add_executable(turnaround-make-icon ${TURNAROUND_SOURCE_DIR}/tools/icon/make_icon.cpp)
  target_include_directories(turnaround-make-icon PRIVATE ${STB_INCLUDE_DIR})
  target_link_libraries(turnaround-make-icon PRIVATE ${STB_LIBRARY})
  add_test(NAME assets-icon-reproducible
    COMMAND ${CMAKE_COMMAND} -DMAKE_ICON=$<TARGET_FILE:turnaround-make-icon>
      -DASSETS=${TURNAROUND_SOURCE_DIR}/assets -DOUT=${CMAKE_CURRENT_BINARY_DIR}/icon-check
      -P ${TURNAROUND_SOURCE_DIR}/tools/icon/check_icon.cmake)
else()
  message(STATUS "stb not found: the icon tests are skipped (install libstb-dev)")
endif()
