using System.Text.Json.Nodes;

namespace OpenLer.Benchmarks;

/// <summary>A typical Open Badges 3.0 credential of the kind OpenLER issues (~1.9 KB as JSON, two alignments).</summary>
public static class SampleCredentials
{
    public static JsonObject OpenBadge(string issuer) => JsonNode.Parse($$"""
        {
          "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
          "id": "urn:uuid:3f1d2c9a-7b64-4e0f-9a3e-1c2d3e4f5a6b",
          "type": ["VerifiableCredential", "OpenBadgeCredential"],
          "name": "Job Readiness Program",
          "issuer": {
            "id": "{{issuer}}",
            "type": ["Profile"],
            "name": "International Rescue Committee - Tucson",
            "url": "https://www.rescue.org/united-states/tucson-az",
            "email": "tucson.employment@rescue.example",
            "description": "Resettlement, asylum support and employment services."
          },
          "validFrom": "2026-01-15T00:00:00Z",
          "credentialSubject": {
            "type": ["AchievementSubject"],
            "id": "did:example:jobseeker-7f3c2a",
            "achievement": {
              "id": "https://openler.example/orgs/irc-tucson/achievements/job-readiness",
              "type": ["Achievement"],
              "achievementType": "Certificate",
              "name": "Job Readiness Program",
              "description": "Completed the six-week job readiness program: workplace communication, safety, customer service and interview practice.",
              "criteria": {
                "narrative": "Attended at least 22 of 24 sessions, completed a mock interview and a workplace safety module."
              },
              "image": {
                "id": "https://openler.example/orgs/irc-tucson/achievements/job-readiness/image.png",
                "type": "Image",
                "caption": "Job Readiness Program badge"
              },
              "tag": ["job readiness", "customer service"],
              "alignment": [
                {
                  "type": ["Alignment"],
                  "targetName": "Active Listening",
                  "targetDescription": "Giving full attention to what other people are saying.",
                  "targetUrl": "https://www.onetonline.org/find/descriptor/result/2.A.1.b",
                  "targetFramework": "O*NET",
                  "targetCode": "2.A.1.b",
                  "targetType": "ceasn:Competency"
                },
                {
                  "type": ["Alignment"],
                  "targetName": "Service Orientation",
                  "targetUrl": "https://www.onetonline.org/find/descriptor/result/2.B.1.f",
                  "targetFramework": "O*NET",
                  "targetCode": "2.B.1.f",
                  "targetType": "ceasn:Competency"
                }
              ]
            }
          }
        }
        """)!.AsObject();
}
