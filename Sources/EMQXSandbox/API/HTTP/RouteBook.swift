import EMQXJSON
import Synchronization

/// The routes a generation registers, kept so that the sandbox can describe itself as EMQX 5 does
/// (`GET /api-docs/swagger.json`): from what it implements, in its own words.
final class RouteBook: Sendable {
    private let routes = Mutex<[(method: String, path: String)]>([])

    func record(_ method: String, _ path: String) {
        routes.withLock { $0.append((method, path)) }
    }

    /// An OpenAPI 3 document of the recorded routes: `clients/:clientid` becomes `/clients/{clientid}` with a string
    /// path parameter; paged lists take `page` and `limit`; bodies are described where `SandboxBodies` knows them.
    func document(version: String) -> JSONValue {
        var paths = JSONObject()
        for (method, path) in routes.withLock({ $0 }) {
            let segments = path.split(separator: "/").map { segment in
                segment.hasPrefix(":") ? "{\(segment.dropFirst())}" : String(segment)
            }
            let template = "/" + segments.joined(separator: "/")
            var parameters: [JSONValue] = segments.filter { $0.hasPrefix("{") }.map { segment in
                [
                    "name": .string(String(segment.dropFirst().dropLast())), "in": "path", "required": true,
                    "schema": ["type": "string"],
                ]
            }
            let key = "\(method) \(template)"
            if key == "GET /mqtt/retainer/messages" {
                parameters.append(["name": "topic", "in": "query", "schema": ["type": "string"]])
            }
            if key == "GET /listeners" {
                parameters.append([
                    "name": "type", "in": "query", "schema": ["type": "string", "enum": ["tcp", "ssl", "ws", "wss"]],
                ])
            }
            if key == "GET /trace/{name}/log" {
                for name in ["bytes", "position"] {
                    parameters.append([
                        "name": .string(name), "in": "query", "schema": ["type": "integer", "minimum": 0],
                    ])
                }
            }
            if SandboxBodies.paged.contains(key) {
                for name in ["page", "limit"] {
                    parameters.append([
                        "name": .string(name), "in": "query", "schema": ["type": "integer", "minimum": 1],
                    ])
                }
            }
            var operation: JSONObject = [
                "tags": [.string(segments.first.map { $0.prefix(1).uppercased() + $0.dropFirst() } ?? "Status")],
                "summary": .string("\(method) \(template) (sandbox)"),
                "parameters": .array(parameters),
            ]
            if let body = SandboxBodies.schemas[key] ?? SandboxBodies.configurationSchemas[key] {
                operation["requestBody"] = ["content": ["application/json": ["schema": body]]]
            }
            var item = paths[template]?.objectValue ?? [:]
            item[method.lowercased()] = .object(operation)
            paths[template] = .object(item)
        }
        return [
            "openapi": "3.0.0", "info": ["title": "emqxsh sandbox", "version": .string(version)],
            "paths": .object(paths),
        ]
    }
}

/// The request bodies the sandbox's handlers read, as schemas: what each handler checks, nothing more.
enum SandboxBodies {
    static let paged: Set<String> = [
        "GET /clients", "GET /subscriptions", "GET /topics", "GET /banned", "GET /rules", "GET /alarms",
        "GET /authentication/{authenticator}/users", "GET /mqtt/retainer/messages",
    ]

    static let schemas: [String: JSONValue] = [
        "POST /publish": object(
            required: ["topic", "payload"],
            [
                "topic": string, "payload": string, "qos": qos, "retain": boolean,
                "payload_encoding": ["type": "string", "enum": ["plain", "base64"]],
            ]),
        "POST /banned": object(
            required: ["as", "who"],
            [
                "as": ["type": "string", "enum": ["clientid", "username", "peerhost"]], "who": string, "by": string,
                "reason": string, "at": string, "until": string,
            ]),
        "POST /rules": object(
            required: ["sql"],
            [
                "id": string, "sql": string, "enable": boolean, "description": string,
                "actions": ["type": "array", "items": [:]],
            ]),
        "PUT /rules/{id}": object(
            required: [],
            [
                "sql": string, "enable": boolean, "description": string, "actions": ["type": "array", "items": [:]],
            ]),
        "POST /authentication/{authenticator}/users": object(
            required: ["user_id", "password"], ["user_id": string, "password": string, "is_superuser": boolean]),
        "POST /clients/{clientid}/subscribe": object(required: ["topic"], ["topic": string, "qos": qos]),
        "POST /mqtt/topic_metrics": object(required: ["topic"], ["topic": string]),
        "PUT /mqtt/topic_metrics": object(
            required: ["action"], ["action": ["type": "string", "enum": ["reset"]], "topic": string]),
        "POST /trace": object(
            required: ["name", "type"],
            [
                "name": string, "type": ["type": "string", "enum": ["clientid", "topic", "ip_address"]],
                "clientid": string,
                "topic": string, "ip_address": string, "start_at": string, "end_at": string,
            ]),
        "POST /authentication": authenticator,
        "PUT /authentication/{authenticator}": authenticator,
        "PUT /authentication/order": ["type": "array", "items": object(required: ["id"], ["id": string])],
        "POST /authorization/sources": authorizationSource,
        "PUT /authorization/sources/{type}": authorizationSource,
        "POST /authorization/sources/{type}/move": object(required: ["position"], ["position": string]),
        "PUT /authorization/sources/order": ["type": "array", "items": object(required: ["type"], ["type": string])],
        "POST /connectors": object(
            required: ["type", "name"],
            [
                "type": ["type": "string", "enum": ["http", "mqtt"]], "name": string, "url": string, "server": string,
                "enable": boolean, "description": string, "headers": ["type": "object"],
                "pool_size": ["type": "integer", "minimum": 1], "connect_timeout": string,
            ]),
        "POST /actions": bridge(types: ["http", "mqtt"]),
        "POST /sources": bridge(types: ["mqtt"]),
        "POST /login": object(required: ["username", "password"], ["username": string, "password": string]),
        "POST /api_key": object(
            required: ["name"],
            ["name": string, "desc": string, "enable": boolean, "expired_at": string, "role": string]),
        "PUT /api_key/{name}": object(required: [], ["desc": string, "enable": boolean, "expired_at": string]),
        "PUT /mqtt/delayed": object(
            required: [], ["enable": boolean, "max_delayed_messages": ["type": "integer", "minimum": 0]]),
        "PUT /slow_subscriptions/settings": object(
            required: [],
            [
                "enable": boolean, "threshold": string, "expire_interval": string,
                "top_k_num": ["type": "integer", "minimum": 1],
                "stats_type": ["type": "string", "enum": ["whole", "internal", "response"]],
            ]),
        "PUT /authorization/settings": object(
            required: ["no_match", "deny_action"],
            [
                "no_match": ["type": "string", "enum": ["allow", "deny"]],
                "deny_action": ["type": "string", "enum": ["ignore", "disconnect"]], "cache": ["type": "object"],
            ]),
    ]

    static func bridge(types: [String]) -> JSONValue {
        object(
            required: ["type", "name", "connector", "parameters"],
            [
                "type": ["type": "string", "enum": .array(types.map { .string($0) })], "name": string,
                "connector": string, "enable": boolean, "description": string, "parameters": ["type": "object"],
            ])
    }

    static let authenticator = object(
        required: ["mechanism"],
        [
            "mechanism": ["type": "string", "enum": ["password_based", "jwt", "scram", "gcp_device", "cinfo"]],
            "backend": string, "enable": boolean,
            "user_id_type": ["type": "string", "enum": ["clientid", "username"]],
            "password_hash_algorithm": ["type": "object"],
        ])
    static let authorizationSource = object(
        required: ["type"],
        [
            "type": [
                "type": "string",
                "enum": ["file", "built_in_database", "http", "redis", "mysql", "postgresql", "mongodb", "ldap"],
            ],
            "enable": boolean, "max_rules": ["type": "integer", "minimum": 1], "rules": string,
        ])

    /// `PUT /configs/NAME` takes the section's settings, each of the type it has.
    static let configurationSchemas = Dictionary(
        uniqueKeysWithValues: SandboxState.initialConfiguration.map { name, value in
            ("PUT /configs/\(name)", schema(describing: value))
        })

    static func schema(describing value: JSONValue) -> JSONValue {
        switch value {
        case .object(let fields): ["type": "object", "properties": .object(fields.mapValues(schema(describing:)))]
        case .array(let items): ["type": "array", "items": items.first.map(schema(describing:)) ?? [:]]
        case .bool: boolean
        case .int, .bigInteger: ["type": "integer"]
        case .double: ["type": "number"]
        case .string, .null: string
        }
    }

    static let string: JSONValue = ["type": "string"]
    static let boolean: JSONValue = ["type": "boolean"]
    static let qos: JSONValue = ["type": "integer", "enum": [0, 1, 2]]

    static func object(required: [String], _ fields: JSONObject) -> JSONValue {
        ["type": "object", "required": .array(required.map { .string($0) }), "properties": .object(fields)]
    }
}
