<?php
/**
 * GET /wp-json/treu/v1/customer-token: the signed-in customer's token for the
 * storefront script, answered per request and never cached, so it is never part
 * of a page that a page cache could serve to another shopper.
 *
 * WordPress's cookie authentication treats a REST request without a valid
 * `wp_rest` nonce as a guest's (https://developer.wordpress.org/rest-api/using-the-rest-api/authentication/);
 * the permission check below asks for the nonce as well, so the route answers
 * only to the shop's own pages.
 *
 * @package TreuLoyalty
 */

defined( 'ABSPATH' ) || exit;

/**
 * The REST route.
 */
final class Treu_Customer_Token_Route {

	const REST_NAMESPACE = 'treu/v1';
	const ROUTE          = '/customer-token';

	/** How long a token is valid: an hour, as docs/host.md recommends; the script reuses it until a minute before. */
	const TTL_SECONDS = 3600;

	/**
	 * Hooks the route into the REST API.
	 */
	public static function register(): void {
		add_action( 'rest_api_init', array( self::class, 'register_route' ) );
	}

	/**
	 * Registers the route.
	 */
	public static function register_route(): void {
		register_rest_route(
			self::REST_NAMESPACE,
			self::ROUTE,
			array(
				'methods'             => WP_REST_Server::READABLE,
				'callback'            => array( self::class, 'answer' ),
				'permission_callback' => array( self::class, 'allowed' ),
			)
		);
	}

	/**
	 * Signed-in users with a valid `wp_rest` nonce in X-WP-Nonce only.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return true|WP_Error
	 */
	public static function allowed( WP_REST_Request $request ) {
		if ( ! is_user_logged_in() ) {
			return new WP_Error( 'treu_guest', __( 'No customer is signed in.', 'treu-loyalty' ), array( 'status' => 401 ) );
		}
		$nonce = (string) $request->get_header( 'X-WP-Nonce' );
		if ( ! wp_verify_nonce( $nonce, 'wp_rest' ) ) {
			return new WP_Error( 'treu_bad_nonce', __( 'The request has no valid wp_rest nonce.', 'treu-loyalty' ), array( 'status' => 403 ) );
		}
		return true;
	}

	/**
	 * `{ "token": "…", "expiresAt": "2026-12-02T11:00:00Z" }` for the current user.
	 *
	 * @return WP_REST_Response|WP_Error
	 */
	public static function answer() {
		$settings = Treu_Settings_Rules::with_defaults( get_option( Treu_Settings_Rules::OPTION ) );
		if ( '' === $settings['shop_secret'] ) {
			return new WP_Error( 'treu_not_configured', __( 'treu has no shop secret yet (Settings → treu Loyalty).', 'treu-loyalty' ), array( 'status' => 503 ) );
		}
		$user  = wp_get_current_user();
		$now   = time();
		$token = Treu_Token::for_customer(
			(int) $user->ID,
			(string) $user->user_email,
			(string) $user->display_name,
			$settings['shop_secret'],
			$now,
			self::TTL_SECONDS
		);
		$response = new WP_REST_Response(
			array(
				'token'     => $token,
				'expiresAt' => gmdate( 'Y-m-d\TH:i:s\Z', $now + self::TTL_SECONDS ),
			)
		);
		// Personal: never stored by a browser, proxy or page cache.
		$response->header( 'Cache-Control', 'no-store, private' );
		return $response;
	}
}
