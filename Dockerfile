# Build a static binary; the final image holds only it and CA certificates (distroless/static).
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/connector-check .

# distroless/static runs as root by default, which GitHub requires for container actions
# (files in /github/workspace and /github/file_commands belong to the runner's user).
FROM gcr.io/distroless/static-debian12
COPY --from=build /out/connector-check /usr/local/bin/connector-check
ENTRYPOINT ["/usr/local/bin/connector-check"]
