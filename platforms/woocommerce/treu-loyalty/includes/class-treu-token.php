<?php
/**
 * Customer tokens: the JWT (HS256) the treu host accepts on GET /v1/me and
 * every member request, signed with the shop secret (TREU_SHOP_SECRET).
 *
 * Plain PHP with no WordPress calls, so tests/ can check it against the real
 * treu-host binary.
 *
 * @package TreuLoyalty
 */

defined( 'ABSPATH' ) || exit;

/**
 * Mints customer tokens.
 */
final class Treu_Token {

	/**
	 * A token for WooCommerce customer `$customer_id`, valid for `$ttl` seconds
	 * from `$now`: `sub` is the id as a decimal string (the same id the host
	 * reads from WooCommerce's order webhooks), `exp` the expiry, and `email`
	 * and `name` when known.
	 *
	 * @param int    $customer_id The WordPress user id, which is the WooCommerce customer id.
	 * @param string $email       The customer's email, or ''.
	 * @param string $name        The customer's display name, or ''.
	 * @param string $secret      The shop secret shared with the treu host.
	 * @param int    $now         Unix seconds.
	 * @param int    $ttl         Seconds the token is valid.
	 * @return string The signed token.
	 * @throws InvalidArgumentException When the id is not positive or the secret is empty.
	 */
	public static function for_customer( int $customer_id, string $email, string $name, string $secret, int $now, int $ttl ): string {
		if ( $customer_id <= 0 ) {
			throw new InvalidArgumentException( 'customer_id: a guest (0) has no token' );
		}
		$claims = array(
			'sub' => (string) $customer_id,
			'exp' => $now + $ttl,
		);
		if ( '' !== $email ) {
			$claims['email'] = $email;
		}
		if ( '' !== $name ) {
			$claims['name'] = $name;
		}
		return self::sign( $claims, $secret );
	}

	/**
	 * An HS256 JWT of `$claims` (RFC 7519): base64url(header).base64url(claims).base64url(HMAC-SHA256).
	 *
	 * @param array  $claims The claims; `sub` and `exp` are required by the host.
	 * @param string $secret The signing key.
	 * @return string The token.
	 * @throws InvalidArgumentException When the secret is empty.
	 */
	public static function sign( array $claims, string $secret ): string {
		if ( '' === $secret ) {
			throw new InvalidArgumentException( 'secret: the shop secret is not set' );
		}
		$header  = self::base64url( (string) treu_json_encode( array( 'typ' => 'JWT', 'alg' => 'HS256' ) ) );
		$payload = self::base64url( (string) treu_json_encode( $claims ) );
		$input   = $header . '.' . $payload;
		return $input . '.' . self::base64url( hash_hmac( 'sha256', $input, $secret, true ) );
	}

	/**
	 * Base64 with the URL alphabet and no padding (RFC 7515, appendix C).
	 *
	 * @param string $bytes Raw bytes.
	 * @return string The encoding.
	 */
	public static function base64url( string $bytes ): string {
		// phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- JWT encoding, not obfuscation.
		return rtrim( strtr( base64_encode( $bytes ), '+/', '-_' ), '=' );
	}
}

/**
 * JSON as wp_json_encode() writes it inside WordPress, and json_encode() with
 * the same flags outside it (the tests).
 *
 * @param mixed $data The value.
 * @return string|false The JSON.
 */
function treu_json_encode( $data ) {
	$flags = JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE;
	return function_exists( 'wp_json_encode' ) ? wp_json_encode( $data, $flags ) : json_encode( $data, $flags ); // phpcs:ignore WordPress.WP.AlternativeFunctions.json_encode_json_encode
}
