<?php
/**
 * What the settings page accepts: the rules, in plain PHP with no WordPress
 * calls, so tests/ can check them and the page (class-treu-settings.php) only
 * reports what they say.
 *
 * @package TreuLoyalty
 */

defined( 'ABSPATH' ) || exit;

/**
 * Cleans submitted settings.
 */
final class Treu_Settings_Rules {

	/** The option that holds every setting. */
	const OPTION = 'treu_settings';

	/** Shortest secret accepted: 32 characters, what `openssl rand -hex 16` prints. */
	const MIN_SECRET_LENGTH = 32;

	/**
	 * The stored settings with every key present.
	 *
	 * @param mixed $stored What get_option() returned.
	 * @return array{host_url: string, script_url: string, shop_secret: string, webhook_secret: string}
	 */
	public static function with_defaults( $stored ): array {
		$defaults = array(
			'host_url'       => '',
			'script_url'     => '',
			'shop_secret'    => '',
			'webhook_secret' => '',
		);
		if ( ! is_array( $stored ) ) {
			return $defaults;
		}
		$settings = array();
		foreach ( $defaults as $key => $default ) {
			$settings[ $key ] = isset( $stored[ $key ] ) && is_string( $stored[ $key ] ) ? $stored[ $key ] : $default;
		}
		return $settings;
	}

	/**
	 * Cleans `$input` (the submitted form) against `$previous` (the stored
	 * settings). A field that fails keeps its previous value and adds an error
	 * naming it; an empty secret field keeps the stored secret (the form never
	 * shows secrets back).
	 *
	 * @param mixed $input    The submitted values.
	 * @param array $previous The stored settings.
	 * @return array{0: array, 1: array<string, string>} The settings to store, and errors by field.
	 */
	public static function clean( $input, array $previous ): array {
		$previous = self::with_defaults( $previous );
		$input    = is_array( $input ) ? $input : array();
		$text     = static function ( string $key ) use ( $input ): string {
			return isset( $input[ $key ] ) && is_scalar( $input[ $key ] ) ? trim( (string) $input[ $key ] ) : '';
		};
		$settings = $previous;
		$errors   = array();

		$host = $text( 'host_url' );
		if ( '' === $host ) {
			$errors['host_url'] = 'The treu host URL is required, e.g. https://loyalty.shop.example.';
		} else {
			$url = self::http_url( $host, false );
			if ( null === $url ) {
				$errors['host_url'] = 'The treu host URL must be an https:// URL without query or fragment (http:// only for localhost).';
			} else {
				$settings['host_url'] = rtrim( $url, '/' );
			}
		}

		$script = $text( 'script_url' );
		if ( '' === $script ) {
			$settings['script_url'] = '';
		} else {
			$url = self::http_url( $script, true );
			if ( null === $url ) {
				$errors['script_url'] = 'The script URL must be an https:// URL (http:// only for localhost).';
			} else {
				$settings['script_url'] = $url;
			}
		}

		foreach ( array( 'shop_secret', 'webhook_secret' ) as $key ) {
			$secret = $text( $key );
			if ( '' === $secret ) {
				continue;
			}
			$problem = self::secret_problem( $secret );
			if ( null === $problem ) {
				$settings[ $key ] = $secret;
			} else {
				$errors[ $key ] = $problem;
			}
		}
		return array( $settings, $errors );
	}

	/**
	 * `$value` as an absolute http(s) URL, or null. Plain http is accepted for
	 * loopback hosts only (a local test shop); a query string only where allowed.
	 *
	 * @param string $value       The submitted URL.
	 * @param bool   $allow_query Whether a query string may follow the path.
	 * @return string|null
	 */
	public static function http_url( string $value, bool $allow_query ): ?string {
		if ( false === filter_var( $value, FILTER_VALIDATE_URL ) ) {
			return null;
		}
		$parts  = parse_url( $value ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url -- no WordPress here.
		$scheme = strtolower( $parts['scheme'] ?? '' );
		$host   = strtolower( $parts['host'] ?? '' );
		if ( isset( $parts['user'] ) || isset( $parts['pass'] ) || isset( $parts['fragment'] ) ) {
			return null;
		}
		if ( isset( $parts['query'] ) && ! $allow_query ) {
			return null;
		}
		$loopback = in_array( $host, array( 'localhost', '127.0.0.1', '[::1]' ), true );
		if ( 'https' !== $scheme && ! ( 'http' === $scheme && $loopback ) ) {
			return null;
		}
		return $value;
	}

	/**
	 * Why `$secret` cannot be used, or null. Secrets are 32 to 256 visible ASCII
	 * characters without `&`, `<`, `>`, `"` and `'` (WooCommerce decodes HTML
	 * entities in a webhook secret before signing, so these would make the host's
	 * copy differ from WooCommerce's) and without `,` (the host reads
	 * `new,old` as two secrets while one is rotated).
	 *
	 * @param string $secret The submitted secret.
	 * @return string|null
	 */
	public static function secret_problem( string $secret ): ?string {
		$length = strlen( $secret );
		if ( $length < self::MIN_SECRET_LENGTH || $length > 256 ) {
			return sprintf( 'A secret must be %d to 256 characters long (it is %d).', self::MIN_SECRET_LENGTH, $length );
		}
		if ( 1 !== preg_match( '/\A[\x21-\x7e]+\z/', $secret ) || 1 === preg_match( '/[&<>"\',]/', $secret ) ) {
			return 'A secret may contain visible ASCII characters only, without spaces, &, <, >, ", \' and commas.';
		}
		return null;
	}

	/**
	 * Where the storefront script is loaded from: the setting, or the host's
	 * `/treu/treu.js` (treu-host serve --static /treu=dist).
	 *
	 * @param array $settings The stored settings.
	 * @return string The URL, or '' when the host is not configured.
	 */
	public static function script_url( array $settings ): string {
		if ( '' !== $settings['script_url'] ) {
			return $settings['script_url'];
		}
		return '' === $settings['host_url'] ? '' : $settings['host_url'] . '/treu/treu.js';
	}
}
