// `stratus-gen import`: copies the newest botocore and boto3 models into
// service-models/, documentation stripped, formatted deterministically.
#ifndef STRATUS_GEN_IMPORTER_HPP
#define STRATUS_GEN_IMPORTER_HPP

#include "json_io.hpp"

#include <cstdint>
#include <iosfwd>
#include <string>

namespace stratus_gen {

struct import_options {
    fs::path botocore_data; ///< botocore/data, compressed or not
    fs::path boto3_data;    ///< boto3/data (resources-1.json); may be empty
    fs::path out;           ///< the service-models folder to (re)write
    std::string botocore_version; ///< recorded in VERSION; found beside the data dir when empty
    std::string boto3_version;
};

struct import_stats {
    std::size_t services = 0;
    std::size_t resources = 0;
    std::size_t files = 0;
    std::uintmax_t bytes = 0;
    std::uintmax_t largest_bytes = 0;
    std::string largest;
};

/// Rewrites `opts.out`. An existing folder must hold a VERSION file (it was
/// written by import) or be empty: its service folders, *.json, VERSION,
/// LICENSE-* and NOTICE-* are replaced; other files (README.md) are kept.
import_stats import_models(import_options const& opts, std::ostream& log);

} // namespace stratus_gen

#endif
