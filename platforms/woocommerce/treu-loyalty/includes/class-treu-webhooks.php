<?php
/**
 * The WooCommerce webhooks that bring orders and refunds to the host, created
 * with one button (or by hand, see docs/platforms/woocommerce.md), and a
 * connection check that signs a request the way WooCommerce does.
 *
 * @package TreuLoyalty
 */

defined( 'ABSPATH' ) || exit;

/**
 * Creates the webhooks and checks the connection.
 */
final class Treu_Webhooks {

	/** Topics the host reads: an order's creation and every change (payment, refunds, cancellation). */
	const TOPICS = array( 'order.created', 'order.updated' );

	/** The path on the host that answers WooCommerce's webhooks. */
	const HOST_PATH = '/v1/platforms/woocommerce/webhooks';

	/** Where the ids of the webhooks this plugin created are kept, to update them instead of adding more. */
	const IDS_OPTION = 'treu_webhook_ids';

	/**
	 * Hooks the two admin actions.
	 */
	public static function register(): void {
		add_action( 'admin_post_treu_create_webhooks', array( self::class, 'create' ) );
		add_action( 'admin_post_treu_check_connection', array( self::class, 'check' ) );
	}

	/**
	 * The host's webhook URL.
	 *
	 * @param array $settings The stored settings.
	 * @return string
	 */
	public static function delivery_url( array $settings ): string {
		return $settings['host_url'] . self::HOST_PATH;
	}

	/**
	 * Creates (or updates) one active webhook per topic, signed with the webhook secret.
	 */
	public static function create(): void {
		self::authorize( 'treu_create_webhooks' );
		$settings = Treu_Settings_Rules::with_defaults( get_option( Treu_Settings_Rules::OPTION ) );
		if ( '' === $settings['host_url'] || '' === $settings['webhook_secret'] || ! class_exists( 'WC_Webhook' ) ) {
			self::done( 'error', __( 'Save the host URL and the webhook secret first (and keep WooCommerce active).', 'treu-loyalty' ) );
		}
		$ids     = get_option( self::IDS_OPTION, array() );
		$ids     = is_array( $ids ) ? $ids : array();
		$created = array();
		foreach ( self::TOPICS as $topic ) {
			$webhook = isset( $ids[ $topic ] ) ? wc_get_webhook( (int) $ids[ $topic ] ) : null;
			$webhook = $webhook instanceof WC_Webhook ? $webhook : new WC_Webhook();
			$webhook->set_name( 'treu: ' . $topic );
			$webhook->set_user_id( get_current_user_id() );
			$webhook->set_topic( $topic );
			$webhook->set_delivery_url( self::delivery_url( $settings ) );
			$webhook->set_secret( $settings['webhook_secret'] );
			$webhook->set_api_version( 'wp_api_v3' );
			$webhook->set_status( 'active' );
			$created[ $topic ] = $webhook->save();
		}
		update_option( self::IDS_OPTION, $created, false );
		/* translators: %s: the host's webhook URL. */
		self::done( 'success', sprintf( __( 'Webhooks order.created and order.updated deliver to %s.', 'treu-loyalty' ), self::delivery_url( $settings ) ) );
	}

	/**
	 * Sends the host a request signed like WooCommerce's webhooks with a topic it
	 * does not act on: 2xx proves the URL and the secret, 401 a secret mismatch.
	 */
	public static function check(): void {
		self::authorize( 'treu_check_connection' );
		$settings = Treu_Settings_Rules::with_defaults( get_option( Treu_Settings_Rules::OPTION ) );
		if ( '' === $settings['host_url'] || '' === $settings['webhook_secret'] ) {
			self::done( 'error', __( 'Save the host URL and the webhook secret first.', 'treu-loyalty' ) );
		}
		$body     = (string) treu_json_encode( array( 'treu_connection_check' => time() ) );
		$response = wp_remote_post(
			self::delivery_url( $settings ),
			array(
				'timeout' => 10,
				'body'    => $body,
				'headers' => array(
					'Content-Type'           => 'application/json',
					'X-WC-Webhook-Source'    => home_url( '/' ),
					'X-WC-Webhook-Topic'     => 'action.treu_connection_check',
					'X-WC-Webhook-Resource'  => 'action',
					'X-WC-Webhook-Event'     => 'treu_connection_check',
					'X-WC-Webhook-ID'        => '0',
					'X-WC-Webhook-Signature' => Treu_Signature::woocommerce( $body, $settings['webhook_secret'] ),
				),
			)
		);
		if ( is_wp_error( $response ) ) {
			/* translators: %s: the transport's error. */
			self::done( 'error', sprintf( __( 'The host could not be reached: %s', 'treu-loyalty' ), $response->get_error_message() ) );
		}
		$status = (int) wp_remote_retrieve_response_code( $response );
		if ( $status >= 200 && $status < 300 ) {
			self::done( 'success', __( 'Connected: the host accepted a request signed with the webhook secret.', 'treu-loyalty' ) );
		}
		if ( 401 === $status ) {
			self::done( 'error', __( 'The host refused the signature: the webhook secret here differs from TREU_WOOCOMMERCE_SECRET on the host.', 'treu-loyalty' ) );
		}
		/* translators: %d: HTTP status. */
		self::done( 'error', sprintf( __( 'The host answered HTTP %d; check the host URL.', 'treu-loyalty' ), $status ) );
	}

	/**
	 * Stops unless the user may manage WooCommerce and the form's nonce is valid.
	 *
	 * @param string $action The nonce action.
	 */
	private static function authorize( string $action ): void {
		if ( ! current_user_can( Treu_Settings::CAPABILITY ) ) {
			wp_die( esc_html__( 'You may not change treu\'s settings.', 'treu-loyalty' ), 403 );
		}
		check_admin_referer( $action );
	}

	/**
	 * Returns to the settings page with `$message` shown once to this user.
	 *
	 * @param string $type    'success' or 'error'.
	 * @param string $message The message.
	 */
	private static function done( string $type, string $message ): void {
		set_transient( 'treu_notice_' . get_current_user_id(), array( $type, $message ), 60 );
		wp_safe_redirect( admin_url( 'options-general.php?page=' . Treu_Settings::PAGE ) );
		exit;
	}

	/**
	 * Shows the outcome of the last action, once.
	 */
	public static function render_notices(): void {
		$key    = 'treu_notice_' . get_current_user_id();
		$notice = get_transient( $key );
		if ( ! is_array( $notice ) ) {
			return;
		}
		delete_transient( $key );
		printf( '<div class="notice notice-%1$s"><p>%2$s</p></div>', esc_attr( 'success' === $notice[0] ? 'success' : 'error' ), esc_html( $notice[1] ) );
	}

	/**
	 * The webhooks section of the settings page: the two buttons and what to set up by hand instead.
	 */
	public static function render_section(): void {
		$settings = Treu_Settings_Rules::with_defaults( get_option( Treu_Settings_Rules::OPTION ) );
		echo '<h2>' . esc_html__( 'Orders and refunds', 'treu-loyalty' ) . '</h2>';
		echo '<p>' . esc_html__( 'WooCommerce sends each order to the host when it is created and whenever it changes (payment, refunds, cancellation). Create the two webhooks here, or by hand under WooCommerce → Settings → Advanced → Webhooks with these values:', 'treu-loyalty' ) . '</p>';
		echo '<ul class="ul-disc">';
		echo '<li>' . esc_html__( 'Topics: Order created, Order updated (one webhook each)', 'treu-loyalty' ) . '</li>';
		echo '<li>' . esc_html__( 'Delivery URL:', 'treu-loyalty' ) . ' <code>' . esc_html( '' === $settings['host_url'] ? 'https://…' . self::HOST_PATH : self::delivery_url( $settings ) ) . '</code></li>';
		echo '<li>' . esc_html__( 'Secret: the WooCommerce webhook secret above; API version: WP REST API Integration v3; Status: Active', 'treu-loyalty' ) . '</li>';
		echo '</ul>';
		foreach ( array(
			'treu_create_webhooks'  => __( 'Create the webhooks', 'treu-loyalty' ),
			'treu_check_connection' => __( 'Check the connection', 'treu-loyalty' ),
		) as $action => $label ) {
			echo '<form action="' . esc_url( admin_url( 'admin-post.php' ) ) . '" method="post" style="display:inline-block;margin-right:1em">';
			echo '<input type="hidden" name="action" value="' . esc_attr( $action ) . '">';
			wp_nonce_field( $action );
			submit_button( $label, 'secondary', 'submit', false );
			echo '</form>';
		}
	}
}
