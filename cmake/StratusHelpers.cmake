# Helpers that give every Stratus target the same warnings, include root and sanitizers.

# stratus_target_defaults(<target>): C++20, -Wall -Wextra -Werror, `src/` as include root.
function(stratus_target_defaults target)
  target_compile_features(${target} PUBLIC cxx_std_20)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Werror)
  # GCC 12 at -O2/-O3 reports -Wrestrict inside libstdc++ for `"literal" + std::string`
  # (GCC bug 105329, fixed in GCC 13): a false positive, so it must not fail the build.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(STRATUS_SANITIZE)
    target_compile_options(${target} PUBLIC -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(${target} PUBLIC -fsanitize=address,undefined)
  endif()
endfunction()

# stratus_add_library(<name> SOURCES <files...> DEPS <targets...>)
function(stratus_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
  stratus_target_defaults(${name})
endfunction()

# stratus_add_test(<name> SOURCES <files...> DEPS <targets...>): a GoogleTest binary registered
# with CTest. Tests run with the source tree as working directory.
function(stratus_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  if(NOT STRATUS_BUILD_TESTS)
    return()
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE STRATUS_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  stratus_target_defaults(${name})
  # A release build compiles the tests' own files at -O1: what they test is the libraries, built
  # at the preset's level; the test bodies gain nothing from -O3 and compile a quarter faster.
  if(CMAKE_BUILD_TYPE STREQUAL "Release")
    target_compile_options(${name} PRIVATE -O1)
  endif()
  gtest_discover_tests(${name} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} DISCOVERY_TIMEOUT 30)
endfunction()
