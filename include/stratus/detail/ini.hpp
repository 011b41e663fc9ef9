// The INI dialect of the shared AWS config files: what botocore gets from
// configparser.RawConfigParser plus configloader.raw_config_parse.
#ifndef STRATUS_DETAIL_INI_HPP
#define STRATUS_DETAIL_INI_HPP

#include <stratus/config_section.hpp>
#include <stratus/detail/config.hpp>
#include <stratus/error.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace stratus::detail {

struct ini_section {
    std::string name; ///< the text between '[' and the last ']', unchanged
    config_section settings;
};

/// Parses one file's text. Sections come in file order; "[DEFAULT]" is not
/// one of them but its keys are copied into every section that lacks them, as
/// configparser does. Errors are errc::invalid_config with a message
/// "<file_name>:<line>: <rule>" that names keys but never shows a value.
STRATUS_DECL result<std::vector<ini_section>> parse_ini(std::string_view text, std::string_view file_name);

} // namespace stratus::detail

#ifdef STRATUS_HEADER_ONLY
#include <stratus/detail/impl/ini.ipp>
#endif

#endif
