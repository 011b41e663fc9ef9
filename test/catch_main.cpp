// Catch2's main, compiled once: its TU takes ~24 s, a TEST_CASE TU ~1.6 s.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
