import EMQXJSON

/// What the sandbox's v4 rule engine offers: the web hook resource type, and the actions rules take (in the sandbox's
/// own words).
enum V4RuleEngineCatalog {
    static func words(_ text: String) -> JSONValue { ["en": .string(text), "zh": .string(text)] }

    static func parameter(_ type: String, _ title: String, extra: JSONObject = [:]) -> JSONValue {
        var object: JSONObject = ["type": .string(type), "title": words(title), "description": words(title)]
        for (key, value) in extra { object[key] = value }
        return .object(object)
    }

    static let resourceTypes: [JSONValue] = [
        [
            "name": "web_hook", "provider": "emqx_web_hook", "title": words("WebHook"),
            "description": words("Sends HTTP requests to a web server"),
            "params": [
                "url": parameter("string", "URL to send to", extra: ["required": true, "format": "url"]),
                "method": parameter("string", "HTTP method", extra: ["enum": ["PUT", "POST"], "default": "POST"]),
                "headers": parameter("object", "HTTP headers", extra: ["schema": [:], "default": [:]]),
            ],
        ]
    ]

    static func action(
        _ name: String, for event: String, types: [String], _ title: String, params: JSONObject = [:]
    )
        -> JSONValue
    {
        [
            "name": .string(name), "for": .string(event), "app": "emqx_rule_engine",
            "types": .array(types.map { .string($0) }), "title": words(title), "description": words(title),
            "params": .object(params),
        ]
    }

    static let actions: [JSONValue] = [
        action("do_nothing", for: "$any", types: [], "Does nothing, and never fails (for debugging)"),
        action("inspect", for: "$any", types: [], "Logs the action's parameters (for debugging)"),
        action(
            "republish", for: "$any", types: [], "Publishes the output to another topic",
            params: [
                "target_topic": parameter("string", "Topic to publish to", extra: ["required": true]),
                "target_qos": parameter("number", "QoS", extra: ["enum": [-1, 0, 1, 2], "default": 0]),
                "payload_tmpl": parameter("string", "Payload template", extra: ["default": ""]),
            ]),
        action(
            "data_to_webserver", for: "$any", types: ["web_hook"], "Sends the output to a web server",
            params: ["$resource": parameter("string", "Resource", extra: ["required": true])]),
    ]
}
