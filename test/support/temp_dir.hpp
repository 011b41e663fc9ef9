// A private temporary directory for one test, removed with everything in it.
#ifndef STRATUS_TEST_SUPPORT_TEMP_DIR_HPP
#define STRATUS_TEST_SUPPORT_TEMP_DIR_HPP

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace stratus::test {

class temp_dir {
public:
    temp_dir()
    {
        auto pattern = (std::filesystem::temp_directory_path() / "stratus-test-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~temp_dir()
    {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    temp_dir(temp_dir const&) = delete;
    temp_dir& operator=(temp_dir const&) = delete;

    std::filesystem::path const& path() const noexcept { return path_; }

    /// Writes a file below the directory and returns its full path.
    std::string write(std::string_view name, std::string_view content) const
    {
        auto p = path_ / name;
        std::filesystem::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << content;
        return p.string();
    }

private:
    std::filesystem::path path_;
};

} // namespace stratus::test

#endif
