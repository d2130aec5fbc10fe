/**
 * Token metadata: fetching a tokenURI within hard limits, opening sealed metadata, and validating
 * the seed 000 EncryptedMetadata document.
 *
 * <p>Fetching ({@link dev.panthera.agent.internal.metadata.MetadataFetcher}): {@code https://}
 * anywhere, {@code http://} only to 127.0.0.1/localhost/[::1] (local test servers and a local IPFS
 * gateway), {@code ipfs://CID/path} through {@code panthera.metadata.ipfs-gateway}, and {@code data:}
 * URIs of {@code application/json} (base64 or percent-encoded). No other scheme is read, {@code
 * file:} least of all. At most {@code panthera.metadata.max-bytes} are read (reading stops past
 * it), the whole fetch including redirects must finish within {@code panthera.metadata.timeout},
 * and at most 3 redirects are followed, each to a URI that passes the same rules and never from
 * https down to http.
 *
 * <p>Documents: the plain metadata, a sealed envelope ({@link dev.panthera.agent.SealedMetadata})
 * holding all of it, or a public ERC-721 document whose {@code encrypted_metadata} field is an
 * envelope (its {@code name}/{@code description} apply when the sealed part has none). Every
 * failure is a {@link dev.panthera.agent.internal.metadata.MetadataException} whose message names
 * the field or limit and never contains decrypted content.
 */
package dev.panthera.agent.internal.metadata;
