// A C face for toml++ (Debian's libtomlplusplus-dev), so Swift reads TOML 1.0 through a maintained parser.
// Debian's shared library is built with exceptions: parse errors arrive as toml::parse_error.
#define TOML_HEADER_ONLY 0
#define TOML_SHARED_LIB 1
#include <toml++/toml.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>
#include <string_view>

#include "ctoml.h"

namespace {

void writeString(std::string &out, std::string_view text) {
    out += '"';
    for (unsigned char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
                out += buffer;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    out += '"';
}

template <typename T> std::string text(const T &value) {
    std::ostringstream stream;
    stream << value;
    return stream.str();
}

void writeNode(std::string &out, const toml::node &node) {
    out += "{\"l\":";
    out += std::to_string(node.source().begin.line);
    out += ",\"t\":";
    switch (node.type()) {
    case toml::node_type::string:
        out += "\"s\",\"v\":";
        writeString(out, node.as_string()->get());
        break;
    case toml::node_type::integer:
        out += "\"i\",\"v\":";
        out += std::to_string(node.as_integer()->get());
        break;
    case toml::node_type::floating_point: {
        double value = node.as_floating_point()->get();
        out += "\"f\",\"v\":";
        if (std::isnan(value)) out += "\"nan\"";
        else if (std::isinf(value)) out += value > 0 ? "\"inf\"" : "\"-inf\"";
        else {
            char buffer[40];
            std::snprintf(buffer, sizeof buffer, "%.17g", value);
            out += buffer;
            if (!std::strpbrk(buffer, ".eE")) out += ".0";
        }
        break;
    }
    case toml::node_type::boolean:
        out += "\"b\",\"v\":";
        out += node.as_boolean()->get() ? "true" : "false";
        break;
    case toml::node_type::date:
        out += "\"d\",\"v\":";
        writeString(out, text(node.as_date()->get()));
        break;
    case toml::node_type::time:
        out += "\"d\",\"v\":";
        writeString(out, text(node.as_time()->get()));
        break;
    case toml::node_type::date_time:
        out += "\"d\",\"v\":";
        writeString(out, text(node.as_date_time()->get()));
        break;
    case toml::node_type::array: {
        out += "\"a\",\"v\":[";
        bool first = true;
        for (const auto &item : *node.as_array()) {
            if (!first) out += ',';
            first = false;
            writeNode(out, item);
        }
        out += ']';
        break;
    }
    case toml::node_type::table: {
        out += "\"t\",\"v\":{";
        bool first = true;
        for (const auto &[key, value] : *node.as_table()) {
            if (!first) out += ',';
            first = false;
            writeString(out, key.str());
            out += ':';
            writeNode(out, value);
        }
        out += '}';
        break;
    }
    default:
        out += "\"s\",\"v\":\"\"";
    }
    out += '}';
}

char *copy(const std::string &text) {
    char *result = static_cast<char *>(std::malloc(text.size() + 1));
    if (result) std::memcpy(result, text.c_str(), text.size() + 1);
    return result;
}

} // namespace

extern "C" char *ctoml_parse(const char *text, size_t length) {
    std::string out;
    try {
        toml::table table = toml::parse(std::string_view(text, length));
        out += "{\"ok\":";
        writeNode(out, table);
        out += '}';
    } catch (const toml::parse_error &error) {
        out = "{\"error\":";
        writeString(out, error.description());
        out += ",\"line\":" + std::to_string(error.source().begin.line);
        out += ",\"column\":" + std::to_string(error.source().begin.column) + "}";
    } catch (...) {
        out = "{\"error\":\"the TOML reader failed\",\"line\":1,\"column\":1}";
    }
    return copy(out);
}

extern "C" void ctoml_free(char *json) { std::free(json); }
