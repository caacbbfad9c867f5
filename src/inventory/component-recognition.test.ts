import { describe, expect, it } from "vitest";
import { recognizeContainer, recognizePod } from "./component-recognition.js";

describe("recognizeContainer: Thanos Receive and Ruler", () => {
  it("knows Receive by the thanos image and its subcommand", () => {
    expect(recognizeContainer({ image: "quay.io/thanos/thanos:v0.36.1", args: ["receive", "--tsdb.path=/d"] })).toBe(
      "thanos-receive",
    );
    expect(recognizeContainer({ image: "quay.io/thanos/thanos:v0.36.1", args: ["rule", "--data-dir=/d"] })).toBe(
      "thanos-ruler",
    );
  });

  it("knows a Thanos component with no image from its subcommand and a Thanos flag", () => {
    expect(recognizeContainer({ args: ["receive", "--tsdb.path=/var/thanos/receive"] })).toBe("thanos-receive");
    expect(recognizeContainer({ args: ["query", "--endpoint=dnssrv+_grpc._tcp.x"] })).toBe("thanos-query");
  });

  it("does not take any imageless container whose first word is a Thanos subcommand for Thanos", () => {
    expect(recognizeContainer({ args: ["receive", "--port=2525"] })).toBe("other");
    expect(recognizeContainer({ image: "example/mail", args: ["receive", "--tsdb.path=/x"] })).toBe("other");
  });

  it("a pod labelled thanos-receive is Receive", () => {
    expect(recognizePod({ "hamon.io/component": "thanos-receive" }, [{ image: "x" }]).component).toBe("thanos-receive");
  });
});
