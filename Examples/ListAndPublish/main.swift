import EMQXKit
import Foundation

// Lists connected clients and publishes a message, on an API v4 or v5 deployment alike.
let environment = ProcessInfo.processInfo.environment
let deployment = try Deployment(
    name: "prod",
    url: environment["EMQX_API_URL"] ?? "https://example.emqx.cloud:8443/api/v5",
    credentials: Credentials(appID: environment["EMQX_APP_ID"] ?? "", secret: environment["EMQX_APP_SECRET"] ?? ""),
    generation: .auto,
    tls: TLSOptions(caFile: environment["EMQX_CA_FILE"])
)
let client = try await EMQXClient.connect(to: deployment)
do {
    var query = ClientQuery()
    query.state = .connected
    for try await connected in client.clients(query) {  // pages are fetched as the loop goes
        print(connected.clientID, connected.username ?? "-", connected.ipAddress ?? "-")
    }
    let result = try await client.publish(PublishMessage(topic: "greetings/all", payload: "hello from EMQXKit", qos: 1))
    print(result.delivered ? "delivered" : "no subscribers", "on API", try await client.generation())
} catch {
    print("error: \(error)")  // e.g. "GET /clients: 401 BAD_API_KEY_OR_SECRET: Check api_key/api_secret"
}
await client.shutdown()
