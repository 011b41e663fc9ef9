// Build configuration shared by every stratus header (STRATUS_DECL).
#ifndef STRATUS_DETAIL_CONFIG_HPP
#define STRATUS_DETAIL_CONFIG_HPP

// Header-only is the default. Defining STRATUS_SEPARATE_COMPILATION in every
// translation unit, and including <stratus/src.hpp> in exactly one, compiles the
// non-template runtime (HTTP core, signer, configuration) once instead of in
// every file that uses it, as Beast and Asio do.
#ifdef STRATUS_SEPARATE_COMPILATION
#define STRATUS_DECL
#else
#define STRATUS_DECL inline
#define STRATUS_HEADER_ONLY 1
#endif

#endif
