// Validates Kubernetes objects against their API's schema, as kubeconform would, offline: the schemas
// come with the kubernetes-models packages (package-lock.json pins them). Reads a JSON array of objects
// from the file named by the first argument; prints a JSON array with, for each object, "valid",
// "invalid" and why, or "no schema" when no package here describes its apiVersion and kind.
import { readFileSync } from "node:fs";

const PACKAGES = {
  "": "kubernetes-models",
  "apps": "kubernetes-models",
  "policy": "kubernetes-models",
  "autoscaling": "kubernetes-models",
  "networking.k8s.io": "kubernetes-models",
  "gateway.networking.k8s.io": "@kubernetes-models/gateway-api",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
  "kafka.strimzi.io": "@kubernetes-models/strimzi-kafka-operator",
  "postgresql.cnpg.io": "@kubernetes-models/cloudnative-pg",
};

async function modelOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const pkg = PACKAGES[group];
  if (!pkg) {
    return undefined;
  }
  const path = pkg === "kubernetes-models" ? `${pkg}/${group ? group + "/" : ""}${version}` : `${pkg}/${group}/${version}`;
  try {
    return (await import(path))[kind];
  } catch {
    return undefined;
  }
}

const results = [];
for (const object of JSON.parse(readFileSync(process.argv[2], "utf8"))) {
  const result = { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata?.name };
  const Model = await modelOf(object.apiVersion ?? "", object.kind ?? "");
  if (!Model) {
    result.result = "no schema";
  } else {
    try {
      new Model(object).validate();
      result.result = "valid";
    } catch (error) {
      result.result = "invalid";
      result.message = error.message;
    }
  }
  results.push(result);
}
console.log(JSON.stringify(results, null, 1));
