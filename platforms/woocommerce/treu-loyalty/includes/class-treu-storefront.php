<?php
/**
 * The storefront script: treu's loader as a script module with the data-*
 * attributes it reads. Signed-in customers also get the token route's URL and
 * their `wp_rest` nonce; the token itself is fetched by the script, never
 * written into the page.
 *
 * @package TreuLoyalty
 */

defined( 'ABSPATH' ) || exit;

/**
 * Adds the script tag to shop pages.
 */
final class Treu_Storefront {

	/** The script module's id; WordPress prints it as `id="treu-js-module"`. */
	const MODULE_ID = 'treu';

	/**
	 * Hooks the script into the storefront.
	 */
	public static function register(): void {
		add_action( 'wp_enqueue_scripts', array( self::class, 'enqueue' ) );
		add_filter( 'wp_script_attributes', array( self::class, 'attributes' ) );
	}

	/**
	 * Enqueues the loader once the host is configured. Script modules
	 * (wp_enqueue_script_module, WordPress 6.5) print `<script type="module">`,
	 * which the loader needs; its version string keeps browser caches fresh.
	 */
	public static function enqueue(): void {
		$src = self::script_url();
		if ( '' === $src || is_admin() ) {
			return;
		}
		wp_enqueue_script_module( self::MODULE_ID, $src, array(), TREU_LOYALTY_VERSION );
	}

	/**
	 * Adds treu's data-* attributes to its own tag (wp_get_script_tag() runs the
	 * `wp_script_attributes` filter for every script module it prints). The
	 * values are raw: wp_get_script_tag() escapes every attribute when it prints
	 * the tag (esc_attr, or WP_HTML_Tag_Processor since 7.0), so escaping here
	 * would encode `&` twice; URLs are sanitised with esc_url_raw().
	 *
	 * @param mixed $attributes The tag's attributes.
	 * @return mixed
	 */
	public static function attributes( $attributes ) {
		if ( ! is_array( $attributes ) || ( $attributes['id'] ?? '' ) !== self::MODULE_ID . '-js-module' ) {
			return $attributes;
		}
		$settings = Treu_Settings_Rules::with_defaults( get_option( Treu_Settings_Rules::OPTION ) );
		$account  = function_exists( 'wc_get_page_permalink' ) ? wc_get_page_permalink( 'myaccount' ) : wp_login_url();
		$data     = array(
			'async'          => true,
			'data-api'       => esc_url_raw( $settings['host_url'] ),
			'data-platform'  => 'woocommerce',
			'data-locale'    => str_replace( '_', '-', determine_locale() ),
			'data-join-url'  => esc_url_raw( $account ),
			'data-login-url' => esc_url_raw( $account ),
		);
		if ( function_exists( 'get_woocommerce_currency' ) ) {
			$data['data-currency'] = get_woocommerce_currency();
		}
		if ( is_user_logged_in() ) {
			$data['data-token-url']   = esc_url_raw( rest_url( Treu_Customer_Token_Route::REST_NAMESPACE . Treu_Customer_Token_Route::ROUTE ) );
			$data['data-token-nonce'] = wp_create_nonce( 'wp_rest' );
		}
		return array_merge( $attributes, $data );
	}

	/**
	 * The loader's URL: the setting, a copy of dist/ inside the plugin
	 * (assets/treu.js, served from the shop's own origin), or the host's /treu/treu.js.
	 *
	 * @return string
	 */
	public static function script_url(): string {
		$settings = Treu_Settings_Rules::with_defaults( get_option( Treu_Settings_Rules::OPTION ) );
		if ( '' === $settings['host_url'] ) {
			return '';
		}
		if ( '' === $settings['script_url'] && file_exists( TREU_LOYALTY_DIR . 'assets/treu.js' ) ) {
			return plugins_url( 'assets/treu.js', TREU_LOYALTY_DIR . 'treu-loyalty.php' );
		}
		return Treu_Settings_Rules::script_url( $settings );
	}
}
