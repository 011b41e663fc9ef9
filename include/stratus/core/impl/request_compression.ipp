#ifndef STRATUS_CORE_IMPL_REQUEST_COMPRESSION_IPP
#define STRATUS_CORE_IMPL_REQUEST_COMPRESSION_IPP

#include <stratus/core/request_compression.hpp>

#include <zlib.h>

namespace stratus {

STRATUS_DECL result<std::string> gzip(std::string_view data)
{
    z_stream z{};
    // windowBits 15 + 16: a gzip wrapper rather than zlib's.
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return make_error(errc::invalid_config, "gzip: zlib could not start a compressor");
    std::string out;
    out.resize(deflateBound(&z, static_cast<uLong>(data.size())) + 32);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    int const rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END) return make_error(errc::invalid_config, "gzip: zlib could not compress the body");
    return out;
}

STRATUS_DECL result<void> compress_request(http::request& req, request_compression_config const& cfg)
{
    if (cfg.disabled || req.body_stream || req.body.size() < cfg.min_size) return {};
    // zlib takes 32-bit lengths; a body this large is refused by services anyway.
    if (req.body.size() > 0xffffffffu) return {};
    auto packed = gzip(req.body);
    if (!packed) return packed.error();
    req.body = std::move(*packed);
    auto existing = req.headers.get("Content-Encoding");
    req.headers.set("Content-Encoding", existing && !existing->empty() ? std::string(*existing) + ", gzip" : "gzip");
    return {};
}

} // namespace stratus

#endif
