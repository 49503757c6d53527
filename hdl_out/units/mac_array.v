// Unit `mac_array` emitted by rust-hdl 0.46 via mlp-rtl (default config). Do not edit.
// Every register starts at 0 through an `initial` statement (fine for simulation and iCE40).


module top(clock,a_in$0,a_in$1,a_in$2,a_in$3,b_in$0,b_in$1,b_in$2,b_in$3,mac_en,first,last,shift,acc_out$0,acc_out$1,acc_out$2,acc_out$3,sat$0,sat$1,sat$2,sat$3,sat$4,sat$5,sat$6,sat$7,sat$8,sat$9,sat$10,sat$11,sat$12,sat$13,sat$14,sat$15);
    
    // Module arguments
    input wire  clock;
    input wire signed [15:0] a_in$0;
    input wire signed [15:0] a_in$1;
    input wire signed [15:0] a_in$2;
    input wire signed [15:0] a_in$3;
    input wire signed [15:0] b_in$0;
    input wire signed [15:0] b_in$1;
    input wire signed [15:0] b_in$2;
    input wire signed [15:0] b_in$3;
    input wire  mac_en;
    input wire  first;
    input wire  last;
    input wire  shift;
    output reg signed [31:0] acc_out$0;
    output reg signed [31:0] acc_out$1;
    output reg signed [31:0] acc_out$2;
    output reg signed [31:0] acc_out$3;
    output reg  sat$0;
    output reg  sat$1;
    output reg  sat$2;
    output reg  sat$3;
    output reg  sat$4;
    output reg  sat$5;
    output reg  sat$6;
    output reg  sat$7;
    output reg  sat$8;
    output reg  sat$9;
    output reg  sat$10;
    output reg  sat$11;
    output reg  sat$12;
    output reg  sat$13;
    output reg  sat$14;
    output reg  sat$15;
    
    // Constant declarations
    localparam signed zero_c = 32'h0;
    
    // Stub signals
    reg  pes$0$clock;
    reg signed [15:0] pes$0$a_in;
    reg signed [15:0] pes$0$b_in;
    reg  pes$0$mac_en;
    reg  pes$0$first;
    reg  pes$0$last;
    reg  pes$0$shift;
    reg signed [31:0] pes$0$shadow_in;
    wire signed [31:0] pes$0$shadow_out;
    wire  pes$0$sat;
    reg  pes$1$clock;
    reg signed [15:0] pes$1$a_in;
    reg signed [15:0] pes$1$b_in;
    reg  pes$1$mac_en;
    reg  pes$1$first;
    reg  pes$1$last;
    reg  pes$1$shift;
    reg signed [31:0] pes$1$shadow_in;
    wire signed [31:0] pes$1$shadow_out;
    wire  pes$1$sat;
    reg  pes$2$clock;
    reg signed [15:0] pes$2$a_in;
    reg signed [15:0] pes$2$b_in;
    reg  pes$2$mac_en;
    reg  pes$2$first;
    reg  pes$2$last;
    reg  pes$2$shift;
    reg signed [31:0] pes$2$shadow_in;
    wire signed [31:0] pes$2$shadow_out;
    wire  pes$2$sat;
    reg  pes$3$clock;
    reg signed [15:0] pes$3$a_in;
    reg signed [15:0] pes$3$b_in;
    reg  pes$3$mac_en;
    reg  pes$3$first;
    reg  pes$3$last;
    reg  pes$3$shift;
    reg signed [31:0] pes$3$shadow_in;
    wire signed [31:0] pes$3$shadow_out;
    wire  pes$3$sat;
    reg  pes$4$clock;
    reg signed [15:0] pes$4$a_in;
    reg signed [15:0] pes$4$b_in;
    reg  pes$4$mac_en;
    reg  pes$4$first;
    reg  pes$4$last;
    reg  pes$4$shift;
    reg signed [31:0] pes$4$shadow_in;
    wire signed [31:0] pes$4$shadow_out;
    wire  pes$4$sat;
    reg  pes$5$clock;
    reg signed [15:0] pes$5$a_in;
    reg signed [15:0] pes$5$b_in;
    reg  pes$5$mac_en;
    reg  pes$5$first;
    reg  pes$5$last;
    reg  pes$5$shift;
    reg signed [31:0] pes$5$shadow_in;
    wire signed [31:0] pes$5$shadow_out;
    wire  pes$5$sat;
    reg  pes$6$clock;
    reg signed [15:0] pes$6$a_in;
    reg signed [15:0] pes$6$b_in;
    reg  pes$6$mac_en;
    reg  pes$6$first;
    reg  pes$6$last;
    reg  pes$6$shift;
    reg signed [31:0] pes$6$shadow_in;
    wire signed [31:0] pes$6$shadow_out;
    wire  pes$6$sat;
    reg  pes$7$clock;
    reg signed [15:0] pes$7$a_in;
    reg signed [15:0] pes$7$b_in;
    reg  pes$7$mac_en;
    reg  pes$7$first;
    reg  pes$7$last;
    reg  pes$7$shift;
    reg signed [31:0] pes$7$shadow_in;
    wire signed [31:0] pes$7$shadow_out;
    wire  pes$7$sat;
    reg  pes$8$clock;
    reg signed [15:0] pes$8$a_in;
    reg signed [15:0] pes$8$b_in;
    reg  pes$8$mac_en;
    reg  pes$8$first;
    reg  pes$8$last;
    reg  pes$8$shift;
    reg signed [31:0] pes$8$shadow_in;
    wire signed [31:0] pes$8$shadow_out;
    wire  pes$8$sat;
    reg  pes$9$clock;
    reg signed [15:0] pes$9$a_in;
    reg signed [15:0] pes$9$b_in;
    reg  pes$9$mac_en;
    reg  pes$9$first;
    reg  pes$9$last;
    reg  pes$9$shift;
    reg signed [31:0] pes$9$shadow_in;
    wire signed [31:0] pes$9$shadow_out;
    wire  pes$9$sat;
    reg  pes$10$clock;
    reg signed [15:0] pes$10$a_in;
    reg signed [15:0] pes$10$b_in;
    reg  pes$10$mac_en;
    reg  pes$10$first;
    reg  pes$10$last;
    reg  pes$10$shift;
    reg signed [31:0] pes$10$shadow_in;
    wire signed [31:0] pes$10$shadow_out;
    wire  pes$10$sat;
    reg  pes$11$clock;
    reg signed [15:0] pes$11$a_in;
    reg signed [15:0] pes$11$b_in;
    reg  pes$11$mac_en;
    reg  pes$11$first;
    reg  pes$11$last;
    reg  pes$11$shift;
    reg signed [31:0] pes$11$shadow_in;
    wire signed [31:0] pes$11$shadow_out;
    wire  pes$11$sat;
    reg  pes$12$clock;
    reg signed [15:0] pes$12$a_in;
    reg signed [15:0] pes$12$b_in;
    reg  pes$12$mac_en;
    reg  pes$12$first;
    reg  pes$12$last;
    reg  pes$12$shift;
    reg signed [31:0] pes$12$shadow_in;
    wire signed [31:0] pes$12$shadow_out;
    wire  pes$12$sat;
    reg  pes$13$clock;
    reg signed [15:0] pes$13$a_in;
    reg signed [15:0] pes$13$b_in;
    reg  pes$13$mac_en;
    reg  pes$13$first;
    reg  pes$13$last;
    reg  pes$13$shift;
    reg signed [31:0] pes$13$shadow_in;
    wire signed [31:0] pes$13$shadow_out;
    wire  pes$13$sat;
    reg  pes$14$clock;
    reg signed [15:0] pes$14$a_in;
    reg signed [15:0] pes$14$b_in;
    reg  pes$14$mac_en;
    reg  pes$14$first;
    reg  pes$14$last;
    reg  pes$14$shift;
    reg signed [31:0] pes$14$shadow_in;
    wire signed [31:0] pes$14$shadow_out;
    wire  pes$14$sat;
    reg  pes$15$clock;
    reg signed [15:0] pes$15$a_in;
    reg signed [15:0] pes$15$b_in;
    reg  pes$15$mac_en;
    reg  pes$15$first;
    reg  pes$15$last;
    reg  pes$15$shift;
    reg signed [31:0] pes$15$shadow_in;
    wire signed [31:0] pes$15$shadow_out;
    wire  pes$15$sat;
    
    // Sub module instances
    top$pes$0 pes$0(
        .clock(pes$0$clock),
        .a_in(pes$0$a_in),
        .b_in(pes$0$b_in),
        .mac_en(pes$0$mac_en),
        .first(pes$0$first),
        .last(pes$0$last),
        .shift(pes$0$shift),
        .shadow_in(pes$0$shadow_in),
        .shadow_out(pes$0$shadow_out),
        .sat(pes$0$sat)
    );
    top$pes$1 pes$1(
        .clock(pes$1$clock),
        .a_in(pes$1$a_in),
        .b_in(pes$1$b_in),
        .mac_en(pes$1$mac_en),
        .first(pes$1$first),
        .last(pes$1$last),
        .shift(pes$1$shift),
        .shadow_in(pes$1$shadow_in),
        .shadow_out(pes$1$shadow_out),
        .sat(pes$1$sat)
    );
    top$pes$2 pes$2(
        .clock(pes$2$clock),
        .a_in(pes$2$a_in),
        .b_in(pes$2$b_in),
        .mac_en(pes$2$mac_en),
        .first(pes$2$first),
        .last(pes$2$last),
        .shift(pes$2$shift),
        .shadow_in(pes$2$shadow_in),
        .shadow_out(pes$2$shadow_out),
        .sat(pes$2$sat)
    );
    top$pes$3 pes$3(
        .clock(pes$3$clock),
        .a_in(pes$3$a_in),
        .b_in(pes$3$b_in),
        .mac_en(pes$3$mac_en),
        .first(pes$3$first),
        .last(pes$3$last),
        .shift(pes$3$shift),
        .shadow_in(pes$3$shadow_in),
        .shadow_out(pes$3$shadow_out),
        .sat(pes$3$sat)
    );
    top$pes$4 pes$4(
        .clock(pes$4$clock),
        .a_in(pes$4$a_in),
        .b_in(pes$4$b_in),
        .mac_en(pes$4$mac_en),
        .first(pes$4$first),
        .last(pes$4$last),
        .shift(pes$4$shift),
        .shadow_in(pes$4$shadow_in),
        .shadow_out(pes$4$shadow_out),
        .sat(pes$4$sat)
    );
    top$pes$5 pes$5(
        .clock(pes$5$clock),
        .a_in(pes$5$a_in),
        .b_in(pes$5$b_in),
        .mac_en(pes$5$mac_en),
        .first(pes$5$first),
        .last(pes$5$last),
        .shift(pes$5$shift),
        .shadow_in(pes$5$shadow_in),
        .shadow_out(pes$5$shadow_out),
        .sat(pes$5$sat)
    );
    top$pes$6 pes$6(
        .clock(pes$6$clock),
        .a_in(pes$6$a_in),
        .b_in(pes$6$b_in),
        .mac_en(pes$6$mac_en),
        .first(pes$6$first),
        .last(pes$6$last),
        .shift(pes$6$shift),
        .shadow_in(pes$6$shadow_in),
        .shadow_out(pes$6$shadow_out),
        .sat(pes$6$sat)
    );
    top$pes$7 pes$7(
        .clock(pes$7$clock),
        .a_in(pes$7$a_in),
        .b_in(pes$7$b_in),
        .mac_en(pes$7$mac_en),
        .first(pes$7$first),
        .last(pes$7$last),
        .shift(pes$7$shift),
        .shadow_in(pes$7$shadow_in),
        .shadow_out(pes$7$shadow_out),
        .sat(pes$7$sat)
    );
    top$pes$8 pes$8(
        .clock(pes$8$clock),
        .a_in(pes$8$a_in),
        .b_in(pes$8$b_in),
        .mac_en(pes$8$mac_en),
        .first(pes$8$first),
        .last(pes$8$last),
        .shift(pes$8$shift),
        .shadow_in(pes$8$shadow_in),
        .shadow_out(pes$8$shadow_out),
        .sat(pes$8$sat)
    );
    top$pes$9 pes$9(
        .clock(pes$9$clock),
        .a_in(pes$9$a_in),
        .b_in(pes$9$b_in),
        .mac_en(pes$9$mac_en),
        .first(pes$9$first),
        .last(pes$9$last),
        .shift(pes$9$shift),
        .shadow_in(pes$9$shadow_in),
        .shadow_out(pes$9$shadow_out),
        .sat(pes$9$sat)
    );
    top$pes$10 pes$10(
        .clock(pes$10$clock),
        .a_in(pes$10$a_in),
        .b_in(pes$10$b_in),
        .mac_en(pes$10$mac_en),
        .first(pes$10$first),
        .last(pes$10$last),
        .shift(pes$10$shift),
        .shadow_in(pes$10$shadow_in),
        .shadow_out(pes$10$shadow_out),
        .sat(pes$10$sat)
    );
    top$pes$11 pes$11(
        .clock(pes$11$clock),
        .a_in(pes$11$a_in),
        .b_in(pes$11$b_in),
        .mac_en(pes$11$mac_en),
        .first(pes$11$first),
        .last(pes$11$last),
        .shift(pes$11$shift),
        .shadow_in(pes$11$shadow_in),
        .shadow_out(pes$11$shadow_out),
        .sat(pes$11$sat)
    );
    top$pes$12 pes$12(
        .clock(pes$12$clock),
        .a_in(pes$12$a_in),
        .b_in(pes$12$b_in),
        .mac_en(pes$12$mac_en),
        .first(pes$12$first),
        .last(pes$12$last),
        .shift(pes$12$shift),
        .shadow_in(pes$12$shadow_in),
        .shadow_out(pes$12$shadow_out),
        .sat(pes$12$sat)
    );
    top$pes$13 pes$13(
        .clock(pes$13$clock),
        .a_in(pes$13$a_in),
        .b_in(pes$13$b_in),
        .mac_en(pes$13$mac_en),
        .first(pes$13$first),
        .last(pes$13$last),
        .shift(pes$13$shift),
        .shadow_in(pes$13$shadow_in),
        .shadow_out(pes$13$shadow_out),
        .sat(pes$13$sat)
    );
    top$pes$14 pes$14(
        .clock(pes$14$clock),
        .a_in(pes$14$a_in),
        .b_in(pes$14$b_in),
        .mac_en(pes$14$mac_en),
        .first(pes$14$first),
        .last(pes$14$last),
        .shift(pes$14$shift),
        .shadow_in(pes$14$shadow_in),
        .shadow_out(pes$14$shadow_out),
        .sat(pes$14$sat)
    );
    top$pes$15 pes$15(
        .clock(pes$15$clock),
        .a_in(pes$15$a_in),
        .b_in(pes$15$b_in),
        .mac_en(pes$15$mac_en),
        .first(pes$15$first),
        .last(pes$15$last),
        .shift(pes$15$shift),
        .shadow_in(pes$15$shadow_in),
        .shadow_out(pes$15$shadow_out),
        .sat(pes$15$sat)
    );
    
    // Update code
    always @(*) begin
        pes$0$clock = clock;
        pes$0$a_in = a_in$0;
        pes$0$b_in = b_in$0;
        pes$0$mac_en = mac_en;
        pes$0$first = first;
        pes$0$last = last;
        pes$0$shift = shift;
        sat$0 = pes$0$sat;
        pes$1$clock = clock;
        pes$1$a_in = a_in$0;
        pes$1$b_in = b_in$1;
        pes$1$mac_en = mac_en;
        pes$1$first = first;
        pes$1$last = last;
        pes$1$shift = shift;
        sat$1 = pes$1$sat;
        pes$2$clock = clock;
        pes$2$a_in = a_in$0;
        pes$2$b_in = b_in$2;
        pes$2$mac_en = mac_en;
        pes$2$first = first;
        pes$2$last = last;
        pes$2$shift = shift;
        sat$2 = pes$2$sat;
        pes$3$clock = clock;
        pes$3$a_in = a_in$0;
        pes$3$b_in = b_in$3;
        pes$3$mac_en = mac_en;
        pes$3$first = first;
        pes$3$last = last;
        pes$3$shift = shift;
        sat$3 = pes$3$sat;
        pes$4$clock = clock;
        pes$4$a_in = a_in$1;
        pes$4$b_in = b_in$0;
        pes$4$mac_en = mac_en;
        pes$4$first = first;
        pes$4$last = last;
        pes$4$shift = shift;
        sat$4 = pes$4$sat;
        pes$5$clock = clock;
        pes$5$a_in = a_in$1;
        pes$5$b_in = b_in$1;
        pes$5$mac_en = mac_en;
        pes$5$first = first;
        pes$5$last = last;
        pes$5$shift = shift;
        sat$5 = pes$5$sat;
        pes$6$clock = clock;
        pes$6$a_in = a_in$1;
        pes$6$b_in = b_in$2;
        pes$6$mac_en = mac_en;
        pes$6$first = first;
        pes$6$last = last;
        pes$6$shift = shift;
        sat$6 = pes$6$sat;
        pes$7$clock = clock;
        pes$7$a_in = a_in$1;
        pes$7$b_in = b_in$3;
        pes$7$mac_en = mac_en;
        pes$7$first = first;
        pes$7$last = last;
        pes$7$shift = shift;
        sat$7 = pes$7$sat;
        pes$8$clock = clock;
        pes$8$a_in = a_in$2;
        pes$8$b_in = b_in$0;
        pes$8$mac_en = mac_en;
        pes$8$first = first;
        pes$8$last = last;
        pes$8$shift = shift;
        sat$8 = pes$8$sat;
        pes$9$clock = clock;
        pes$9$a_in = a_in$2;
        pes$9$b_in = b_in$1;
        pes$9$mac_en = mac_en;
        pes$9$first = first;
        pes$9$last = last;
        pes$9$shift = shift;
        sat$9 = pes$9$sat;
        pes$10$clock = clock;
        pes$10$a_in = a_in$2;
        pes$10$b_in = b_in$2;
        pes$10$mac_en = mac_en;
        pes$10$first = first;
        pes$10$last = last;
        pes$10$shift = shift;
        sat$10 = pes$10$sat;
        pes$11$clock = clock;
        pes$11$a_in = a_in$2;
        pes$11$b_in = b_in$3;
        pes$11$mac_en = mac_en;
        pes$11$first = first;
        pes$11$last = last;
        pes$11$shift = shift;
        sat$11 = pes$11$sat;
        pes$12$clock = clock;
        pes$12$a_in = a_in$3;
        pes$12$b_in = b_in$0;
        pes$12$mac_en = mac_en;
        pes$12$first = first;
        pes$12$last = last;
        pes$12$shift = shift;
        sat$12 = pes$12$sat;
        pes$13$clock = clock;
        pes$13$a_in = a_in$3;
        pes$13$b_in = b_in$1;
        pes$13$mac_en = mac_en;
        pes$13$first = first;
        pes$13$last = last;
        pes$13$shift = shift;
        sat$13 = pes$13$sat;
        pes$14$clock = clock;
        pes$14$a_in = a_in$3;
        pes$14$b_in = b_in$2;
        pes$14$mac_en = mac_en;
        pes$14$first = first;
        pes$14$last = last;
        pes$14$shift = shift;
        sat$14 = pes$14$sat;
        pes$15$clock = clock;
        pes$15$a_in = a_in$3;
        pes$15$b_in = b_in$3;
        pes$15$mac_en = mac_en;
        pes$15$first = first;
        pes$15$last = last;
        pes$15$shift = shift;
        sat$15 = pes$15$sat;
        pes$0$shadow_in = pes$4$shadow_out;
        pes$1$shadow_in = pes$5$shadow_out;
        pes$2$shadow_in = pes$6$shadow_out;
        pes$3$shadow_in = pes$7$shadow_out;
        pes$4$shadow_in = pes$8$shadow_out;
        pes$5$shadow_in = pes$9$shadow_out;
        pes$6$shadow_in = pes$10$shadow_out;
        pes$7$shadow_in = pes$11$shadow_out;
        pes$8$shadow_in = pes$12$shadow_out;
        pes$9$shadow_in = pes$13$shadow_out;
        pes$10$shadow_in = pes$14$shadow_out;
        pes$11$shadow_in = pes$15$shadow_out;
        pes$12$shadow_in = zero_c;
        pes$13$shadow_in = zero_c;
        pes$14$shadow_in = zero_c;
        pes$15$shadow_in = zero_c;
        acc_out$0 = pes$0$shadow_out;
        acc_out$1 = pes$1$shadow_out;
        acc_out$2 = pes$2$shadow_out;
        acc_out$3 = pes$3$shadow_out;
    end
    
endmodule // top


module top$pes$0(clock,a_in,b_in,mac_en,first,last,shift,shadow_in,shadow_out,sat);
    
    // Module arguments
    input wire  clock;
    input wire signed [15:0] a_in;
    input wire signed [15:0] b_in;
    input wire  mac_en;
    input wire  first;
    input wire  last;
    input wire  shift;
    input wire signed [31:0] shadow_in;
    output reg signed [31:0] shadow_out;
    output reg  sat;
    
    // Constant declarations
    localparam  zero_c = 32'h0;
    localparam signed acc_max_c = 32'h7fffffff;
    localparam signed acc_min_c = 32'h80000000;
    localparam  sign_c = 32'h80000000;
    localparam  max_biased_c = 32'hffffffff;
    localparam  min_biased_c = 32'h0;
    
    // Stub signals
    reg signed [15:0] mul$a;
    reg signed [15:0] mul$b;
    wire signed [31:0] mul$p;
    reg signed [31:0] prod_q$d;
    wire signed [31:0] prod_q$q;
    reg  prod_q$clock;
    reg  en_q$d;
    wire  en_q$q;
    reg  en_q$clock;
    reg  first_q$d;
    wire  first_q$q;
    reg  first_q$clock;
    reg  last_q$d;
    wire  last_q$q;
    reg  last_q$clock;
    reg signed [31:0] acc_q$d;
    wire signed [31:0] acc_q$q;
    reg  acc_q$clock;
    reg signed [31:0] shadow_q$d;
    wire signed [31:0] shadow_q$q;
    reg  shadow_q$clock;
    reg  sat_q$d;
    wire  sat_q$q;
    reg  sat_q$clock;
    
    // Local signals
    reg  [31:0] base_bits;
    reg  [31:0] prod_bits;
    reg  [31:0] sum_bits;
    
    // Sub module instances
    top$pes$0$mul mul(
        .a(mul$a),
        .b(mul$b),
        .p(mul$p)
    );
    top$pes$0$prod_q prod_q(
        .d(prod_q$d),
        .q(prod_q$q),
        .clock(prod_q$clock)
    );
    top$pes$0$en_q en_q(
        .d(en_q$d),
        .q(en_q$q),
        .clock(en_q$clock)
    );
    top$pes$0$first_q first_q(
        .d(first_q$d),
        .q(first_q$q),
        .clock(first_q$clock)
    );
    top$pes$0$last_q last_q(
        .d(last_q$d),
        .q(last_q$q),
        .clock(last_q$clock)
    );
    top$pes$0$acc_q acc_q(
        .d(acc_q$d),
        .q(acc_q$q),
        .clock(acc_q$clock)
    );
    top$pes$0$shadow_q shadow_q(
        .d(shadow_q$d),
        .q(shadow_q$q),
        .clock(shadow_q$clock)
    );
    top$pes$0$sat_q sat_q(
        .d(sat_q$d),
        .q(sat_q$q),
        .clock(sat_q$clock)
    );
    
    // Update code
    always @(*) begin
        prod_q$clock = clock;
        en_q$clock = clock;
        first_q$clock = clock;
        last_q$clock = clock;
        acc_q$clock = clock;
        shadow_q$clock = clock;
        sat_q$clock = clock;
        prod_q$d = prod_q$q;
        en_q$d = en_q$q;
        first_q$d = first_q$q;
        last_q$d = last_q$q;
        acc_q$d = acc_q$q;
        shadow_q$d = shadow_q$q;
        sat_q$d = sat_q$q;
        mul$a = a_in;
        mul$b = b_in;
        prod_q$d = mul$p;
        en_q$d = mac_en;
        first_q$d = first;
        last_q$d = last;
        if (first_q$q) begin
            base_bits = zero_c;
        end
        else begin
            base_bits = $unsigned(acc_q$q);
        end
        prod_bits = $unsigned(prod_q$q);
        sum_bits = base_bits + prod_bits;
        sat_q$d = 1'b0;
        if (en_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                acc_q$d = acc_max_c;
                sat_q$d = 1'b1;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                acc_q$d = acc_min_c;
                sat_q$d = 1'b1;
            end
            else begin
                acc_q$d = $signed(sum_bits);
            end
        end
        if (en_q$q & last_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                shadow_q$d = acc_max_c;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                shadow_q$d = acc_min_c;
            end
            else begin
                shadow_q$d = $signed(sum_bits);
            end
        end
        else if (shift) begin
            shadow_q$d = shadow_in;
        end
        shadow_out = shadow_q$q;
        sat = sat_q$q;
    end
    
endmodule // top$pes$0


module top$pes$0$acc_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$0$acc_q


module top$pes$0$en_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$0$en_q


module top$pes$0$first_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$0$first_q


module top$pes$0$last_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$0$last_q


module top$pes$0$mul(a,b,p);
    
    // Module arguments
    input wire signed [15:0] a;
    input wire signed [15:0] b;
    output reg signed [31:0] p;
    
    // Update code (custom)
    wire signed [31:0] a_ext = {{16{a[15]}}, a};
    wire signed [31:0] b_ext = {{16{b[15]}}, b};
    always @(*) p = a_ext * b_ext;
endmodule // top$pes$0$mul


module top$pes$0$prod_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$0$prod_q


module top$pes$0$sat_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$0$sat_q


module top$pes$0$shadow_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$0$shadow_q


module top$pes$1(clock,a_in,b_in,mac_en,first,last,shift,shadow_in,shadow_out,sat);
    
    // Module arguments
    input wire  clock;
    input wire signed [15:0] a_in;
    input wire signed [15:0] b_in;
    input wire  mac_en;
    input wire  first;
    input wire  last;
    input wire  shift;
    input wire signed [31:0] shadow_in;
    output reg signed [31:0] shadow_out;
    output reg  sat;
    
    // Constant declarations
    localparam  zero_c = 32'h0;
    localparam signed acc_max_c = 32'h7fffffff;
    localparam signed acc_min_c = 32'h80000000;
    localparam  sign_c = 32'h80000000;
    localparam  max_biased_c = 32'hffffffff;
    localparam  min_biased_c = 32'h0;
    
    // Stub signals
    reg signed [15:0] mul$a;
    reg signed [15:0] mul$b;
    wire signed [31:0] mul$p;
    reg signed [31:0] prod_q$d;
    wire signed [31:0] prod_q$q;
    reg  prod_q$clock;
    reg  en_q$d;
    wire  en_q$q;
    reg  en_q$clock;
    reg  first_q$d;
    wire  first_q$q;
    reg  first_q$clock;
    reg  last_q$d;
    wire  last_q$q;
    reg  last_q$clock;
    reg signed [31:0] acc_q$d;
    wire signed [31:0] acc_q$q;
    reg  acc_q$clock;
    reg signed [31:0] shadow_q$d;
    wire signed [31:0] shadow_q$q;
    reg  shadow_q$clock;
    reg  sat_q$d;
    wire  sat_q$q;
    reg  sat_q$clock;
    
    // Local signals
    reg  [31:0] base_bits;
    reg  [31:0] prod_bits;
    reg  [31:0] sum_bits;
    
    // Sub module instances
    top$pes$1$mul mul(
        .a(mul$a),
        .b(mul$b),
        .p(mul$p)
    );
    top$pes$1$prod_q prod_q(
        .d(prod_q$d),
        .q(prod_q$q),
        .clock(prod_q$clock)
    );
    top$pes$1$en_q en_q(
        .d(en_q$d),
        .q(en_q$q),
        .clock(en_q$clock)
    );
    top$pes$1$first_q first_q(
        .d(first_q$d),
        .q(first_q$q),
        .clock(first_q$clock)
    );
    top$pes$1$last_q last_q(
        .d(last_q$d),
        .q(last_q$q),
        .clock(last_q$clock)
    );
    top$pes$1$acc_q acc_q(
        .d(acc_q$d),
        .q(acc_q$q),
        .clock(acc_q$clock)
    );
    top$pes$1$shadow_q shadow_q(
        .d(shadow_q$d),
        .q(shadow_q$q),
        .clock(shadow_q$clock)
    );
    top$pes$1$sat_q sat_q(
        .d(sat_q$d),
        .q(sat_q$q),
        .clock(sat_q$clock)
    );
    
    // Update code
    always @(*) begin
        prod_q$clock = clock;
        en_q$clock = clock;
        first_q$clock = clock;
        last_q$clock = clock;
        acc_q$clock = clock;
        shadow_q$clock = clock;
        sat_q$clock = clock;
        prod_q$d = prod_q$q;
        en_q$d = en_q$q;
        first_q$d = first_q$q;
        last_q$d = last_q$q;
        acc_q$d = acc_q$q;
        shadow_q$d = shadow_q$q;
        sat_q$d = sat_q$q;
        mul$a = a_in;
        mul$b = b_in;
        prod_q$d = mul$p;
        en_q$d = mac_en;
        first_q$d = first;
        last_q$d = last;
        if (first_q$q) begin
            base_bits = zero_c;
        end
        else begin
            base_bits = $unsigned(acc_q$q);
        end
        prod_bits = $unsigned(prod_q$q);
        sum_bits = base_bits + prod_bits;
        sat_q$d = 1'b0;
        if (en_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                acc_q$d = acc_max_c;
                sat_q$d = 1'b1;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                acc_q$d = acc_min_c;
                sat_q$d = 1'b1;
            end
            else begin
                acc_q$d = $signed(sum_bits);
            end
        end
        if (en_q$q & last_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                shadow_q$d = acc_max_c;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                shadow_q$d = acc_min_c;
            end
            else begin
                shadow_q$d = $signed(sum_bits);
            end
        end
        else if (shift) begin
            shadow_q$d = shadow_in;
        end
        shadow_out = shadow_q$q;
        sat = sat_q$q;
    end
    
endmodule // top$pes$1


module top$pes$1$acc_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$1$acc_q


module top$pes$1$en_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$1$en_q


module top$pes$1$first_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$1$first_q


module top$pes$1$last_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$1$last_q


module top$pes$1$mul(a,b,p);
    
    // Module arguments
    input wire signed [15:0] a;
    input wire signed [15:0] b;
    output reg signed [31:0] p;
    
    // Update code (custom)
    wire signed [31:0] a_ext = {{16{a[15]}}, a};
    wire signed [31:0] b_ext = {{16{b[15]}}, b};
    always @(*) p = a_ext * b_ext;
endmodule // top$pes$1$mul


module top$pes$1$prod_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$1$prod_q


module top$pes$1$sat_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$1$sat_q


module top$pes$1$shadow_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$1$shadow_q


module top$pes$10(clock,a_in,b_in,mac_en,first,last,shift,shadow_in,shadow_out,sat);
    
    // Module arguments
    input wire  clock;
    input wire signed [15:0] a_in;
    input wire signed [15:0] b_in;
    input wire  mac_en;
    input wire  first;
    input wire  last;
    input wire  shift;
    input wire signed [31:0] shadow_in;
    output reg signed [31:0] shadow_out;
    output reg  sat;
    
    // Constant declarations
    localparam  zero_c = 32'h0;
    localparam signed acc_max_c = 32'h7fffffff;
    localparam signed acc_min_c = 32'h80000000;
    localparam  sign_c = 32'h80000000;
    localparam  max_biased_c = 32'hffffffff;
    localparam  min_biased_c = 32'h0;
    
    // Stub signals
    reg signed [15:0] mul$a;
    reg signed [15:0] mul$b;
    wire signed [31:0] mul$p;
    reg signed [31:0] prod_q$d;
    wire signed [31:0] prod_q$q;
    reg  prod_q$clock;
    reg  en_q$d;
    wire  en_q$q;
    reg  en_q$clock;
    reg  first_q$d;
    wire  first_q$q;
    reg  first_q$clock;
    reg  last_q$d;
    wire  last_q$q;
    reg  last_q$clock;
    reg signed [31:0] acc_q$d;
    wire signed [31:0] acc_q$q;
    reg  acc_q$clock;
    reg signed [31:0] shadow_q$d;
    wire signed [31:0] shadow_q$q;
    reg  shadow_q$clock;
    reg  sat_q$d;
    wire  sat_q$q;
    reg  sat_q$clock;
    
    // Local signals
    reg  [31:0] base_bits;
    reg  [31:0] prod_bits;
    reg  [31:0] sum_bits;
    
    // Sub module instances
    top$pes$10$mul mul(
        .a(mul$a),
        .b(mul$b),
        .p(mul$p)
    );
    top$pes$10$prod_q prod_q(
        .d(prod_q$d),
        .q(prod_q$q),
        .clock(prod_q$clock)
    );
    top$pes$10$en_q en_q(
        .d(en_q$d),
        .q(en_q$q),
        .clock(en_q$clock)
    );
    top$pes$10$first_q first_q(
        .d(first_q$d),
        .q(first_q$q),
        .clock(first_q$clock)
    );
    top$pes$10$last_q last_q(
        .d(last_q$d),
        .q(last_q$q),
        .clock(last_q$clock)
    );
    top$pes$10$acc_q acc_q(
        .d(acc_q$d),
        .q(acc_q$q),
        .clock(acc_q$clock)
    );
    top$pes$10$shadow_q shadow_q(
        .d(shadow_q$d),
        .q(shadow_q$q),
        .clock(shadow_q$clock)
    );
    top$pes$10$sat_q sat_q(
        .d(sat_q$d),
        .q(sat_q$q),
        .clock(sat_q$clock)
    );
    
    // Update code
    always @(*) begin
        prod_q$clock = clock;
        en_q$clock = clock;
        first_q$clock = clock;
        last_q$clock = clock;
        acc_q$clock = clock;
        shadow_q$clock = clock;
        sat_q$clock = clock;
        prod_q$d = prod_q$q;
        en_q$d = en_q$q;
        first_q$d = first_q$q;
        last_q$d = last_q$q;
        acc_q$d = acc_q$q;
        shadow_q$d = shadow_q$q;
        sat_q$d = sat_q$q;
        mul$a = a_in;
        mul$b = b_in;
        prod_q$d = mul$p;
        en_q$d = mac_en;
        first_q$d = first;
        last_q$d = last;
        if (first_q$q) begin
            base_bits = zero_c;
        end
        else begin
            base_bits = $unsigned(acc_q$q);
        end
        prod_bits = $unsigned(prod_q$q);
        sum_bits = base_bits + prod_bits;
        sat_q$d = 1'b0;
        if (en_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                acc_q$d = acc_max_c;
                sat_q$d = 1'b1;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                acc_q$d = acc_min_c;
                sat_q$d = 1'b1;
            end
            else begin
                acc_q$d = $signed(sum_bits);
            end
        end
        if (en_q$q & last_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                shadow_q$d = acc_max_c;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                shadow_q$d = acc_min_c;
            end
            else begin
                shadow_q$d = $signed(sum_bits);
            end
        end
        else if (shift) begin
            shadow_q$d = shadow_in;
        end
        shadow_out = shadow_q$q;
        sat = sat_q$q;
    end
    
endmodule // top$pes$10


module top$pes$10$acc_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$10$acc_q


module top$pes$10$en_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$10$en_q


module top$pes$10$first_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$10$first_q


module top$pes$10$last_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$10$last_q


module top$pes$10$mul(a,b,p);
    
    // Module arguments
    input wire signed [15:0] a;
    input wire signed [15:0] b;
    output reg signed [31:0] p;
    
    // Update code (custom)
    wire signed [31:0] a_ext = {{16{a[15]}}, a};
    wire signed [31:0] b_ext = {{16{b[15]}}, b};
    always @(*) p = a_ext * b_ext;
endmodule // top$pes$10$mul


module top$pes$10$prod_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$10$prod_q


module top$pes$10$sat_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$10$sat_q


module top$pes$10$shadow_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$10$shadow_q


module top$pes$11(clock,a_in,b_in,mac_en,first,last,shift,shadow_in,shadow_out,sat);
    
    // Module arguments
    input wire  clock;
    input wire signed [15:0] a_in;
    input wire signed [15:0] b_in;
    input wire  mac_en;
    input wire  first;
    input wire  last;
    input wire  shift;
    input wire signed [31:0] shadow_in;
    output reg signed [31:0] shadow_out;
    output reg  sat;
    
    // Constant declarations
    localparam  zero_c = 32'h0;
    localparam signed acc_max_c = 32'h7fffffff;
    localparam signed acc_min_c = 32'h80000000;
    localparam  sign_c = 32'h80000000;
    localparam  max_biased_c = 32'hffffffff;
    localparam  min_biased_c = 32'h0;
    
    // Stub signals
    reg signed [15:0] mul$a;
    reg signed [15:0] mul$b;
    wire signed [31:0] mul$p;
    reg signed [31:0] prod_q$d;
    wire signed [31:0] prod_q$q;
    reg  prod_q$clock;
    reg  en_q$d;
    wire  en_q$q;
    reg  en_q$clock;
    reg  first_q$d;
    wire  first_q$q;
    reg  first_q$clock;
    reg  last_q$d;
    wire  last_q$q;
    reg  last_q$clock;
    reg signed [31:0] acc_q$d;
    wire signed [31:0] acc_q$q;
    reg  acc_q$clock;
    reg signed [31:0] shadow_q$d;
    wire signed [31:0] shadow_q$q;
    reg  shadow_q$clock;
    reg  sat_q$d;
    wire  sat_q$q;
    reg  sat_q$clock;
    
    // Local signals
    reg  [31:0] base_bits;
    reg  [31:0] prod_bits;
    reg  [31:0] sum_bits;
    
    // Sub module instances
    top$pes$11$mul mul(
        .a(mul$a),
        .b(mul$b),
        .p(mul$p)
    );
    top$pes$11$prod_q prod_q(
        .d(prod_q$d),
        .q(prod_q$q),
        .clock(prod_q$clock)
    );
    top$pes$11$en_q en_q(
        .d(en_q$d),
        .q(en_q$q),
        .clock(en_q$clock)
    );
    top$pes$11$first_q first_q(
        .d(first_q$d),
        .q(first_q$q),
        .clock(first_q$clock)
    );
    top$pes$11$last_q last_q(
        .d(last_q$d),
        .q(last_q$q),
        .clock(last_q$clock)
    );
    top$pes$11$acc_q acc_q(
        .d(acc_q$d),
        .q(acc_q$q),
        .clock(acc_q$clock)
    );
    top$pes$11$shadow_q shadow_q(
        .d(shadow_q$d),
        .q(shadow_q$q),
        .clock(shadow_q$clock)
    );
    top$pes$11$sat_q sat_q(
        .d(sat_q$d),
        .q(sat_q$q),
        .clock(sat_q$clock)
    );
    
    // Update code
    always @(*) begin
        prod_q$clock = clock;
        en_q$clock = clock;
        first_q$clock = clock;
        last_q$clock = clock;
        acc_q$clock = clock;
        shadow_q$clock = clock;
        sat_q$clock = clock;
        prod_q$d = prod_q$q;
        en_q$d = en_q$q;
        first_q$d = first_q$q;
        last_q$d = last_q$q;
        acc_q$d = acc_q$q;
        shadow_q$d = shadow_q$q;
        sat_q$d = sat_q$q;
        mul$a = a_in;
        mul$b = b_in;
        prod_q$d = mul$p;
        en_q$d = mac_en;
        first_q$d = first;
        last_q$d = last;
        if (first_q$q) begin
            base_bits = zero_c;
        end
        else begin
            base_bits = $unsigned(acc_q$q);
        end
        prod_bits = $unsigned(prod_q$q);
        sum_bits = base_bits + prod_bits;
        sat_q$d = 1'b0;
        if (en_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                acc_q$d = acc_max_c;
                sat_q$d = 1'b1;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                acc_q$d = acc_min_c;
                sat_q$d = 1'b1;
            end
            else begin
                acc_q$d = $signed(sum_bits);
            end
        end
        if (en_q$q & last_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                shadow_q$d = acc_max_c;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                shadow_q$d = acc_min_c;
            end
            else begin
                shadow_q$d = $signed(sum_bits);
            end
        end
        else if (shift) begin
            shadow_q$d = shadow_in;
        end
        shadow_out = shadow_q$q;
        sat = sat_q$q;
    end
    
endmodule // top$pes$11


module top$pes$11$acc_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$11$acc_q


module top$pes$11$en_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$11$en_q


module top$pes$11$first_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$11$first_q


module top$pes$11$last_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$11$last_q


module top$pes$11$mul(a,b,p);
    
    // Module arguments
    input wire signed [15:0] a;
    input wire signed [15:0] b;
    output reg signed [31:0] p;
    
    // Update code (custom)
    wire signed [31:0] a_ext = {{16{a[15]}}, a};
    wire signed [31:0] b_ext = {{16{b[15]}}, b};
    always @(*) p = a_ext * b_ext;
endmodule // top$pes$11$mul


module top$pes$11$prod_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$11$prod_q


module top$pes$11$sat_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$11$sat_q


module top$pes$11$shadow_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$11$shadow_q


module top$pes$12(clock,a_in,b_in,mac_en,first,last,shift,shadow_in,shadow_out,sat);
    
    // Module arguments
    input wire  clock;
    input wire signed [15:0] a_in;
    input wire signed [15:0] b_in;
    input wire  mac_en;
    input wire  first;
    input wire  last;
    input wire  shift;
    input wire signed [31:0] shadow_in;
    output reg signed [31:0] shadow_out;
    output reg  sat;
    
    // Constant declarations
    localparam  zero_c = 32'h0;
    localparam signed acc_max_c = 32'h7fffffff;
    localparam signed acc_min_c = 32'h80000000;
    localparam  sign_c = 32'h80000000;
    localparam  max_biased_c = 32'hffffffff;
    localparam  min_biased_c = 32'h0;
    
    // Stub signals
    reg signed [15:0] mul$a;
    reg signed [15:0] mul$b;
    wire signed [31:0] mul$p;
    reg signed [31:0] prod_q$d;
    wire signed [31:0] prod_q$q;
    reg  prod_q$clock;
    reg  en_q$d;
    wire  en_q$q;
    reg  en_q$clock;
    reg  first_q$d;
    wire  first_q$q;
    reg  first_q$clock;
    reg  last_q$d;
    wire  last_q$q;
    reg  last_q$clock;
    reg signed [31:0] acc_q$d;
    wire signed [31:0] acc_q$q;
    reg  acc_q$clock;
    reg signed [31:0] shadow_q$d;
    wire signed [31:0] shadow_q$q;
    reg  shadow_q$clock;
    reg  sat_q$d;
    wire  sat_q$q;
    reg  sat_q$clock;
    
    // Local signals
    reg  [31:0] base_bits;
    reg  [31:0] prod_bits;
    reg  [31:0] sum_bits;
    
    // Sub module instances
    top$pes$12$mul mul(
        .a(mul$a),
        .b(mul$b),
        .p(mul$p)
    );
    top$pes$12$prod_q prod_q(
        .d(prod_q$d),
        .q(prod_q$q),
        .clock(prod_q$clock)
    );
    top$pes$12$en_q en_q(
        .d(en_q$d),
        .q(en_q$q),
        .clock(en_q$clock)
    );
    top$pes$12$first_q first_q(
        .d(first_q$d),
        .q(first_q$q),
        .clock(first_q$clock)
    );
    top$pes$12$last_q last_q(
        .d(last_q$d),
        .q(last_q$q),
        .clock(last_q$clock)
    );
    top$pes$12$acc_q acc_q(
        .d(acc_q$d),
        .q(acc_q$q),
        .clock(acc_q$clock)
    );
    top$pes$12$shadow_q shadow_q(
        .d(shadow_q$d),
        .q(shadow_q$q),
        .clock(shadow_q$clock)
    );
    top$pes$12$sat_q sat_q(
        .d(sat_q$d),
        .q(sat_q$q),
        .clock(sat_q$clock)
    );
    
    // Update code
    always @(*) begin
        prod_q$clock = clock;
        en_q$clock = clock;
        first_q$clock = clock;
        last_q$clock = clock;
        acc_q$clock = clock;
        shadow_q$clock = clock;
        sat_q$clock = clock;
        prod_q$d = prod_q$q;
        en_q$d = en_q$q;
        first_q$d = first_q$q;
        last_q$d = last_q$q;
        acc_q$d = acc_q$q;
        shadow_q$d = shadow_q$q;
        sat_q$d = sat_q$q;
        mul$a = a_in;
        mul$b = b_in;
        prod_q$d = mul$p;
        en_q$d = mac_en;
        first_q$d = first;
        last_q$d = last;
        if (first_q$q) begin
            base_bits = zero_c;
        end
        else begin
            base_bits = $unsigned(acc_q$q);
        end
        prod_bits = $unsigned(prod_q$q);
        sum_bits = base_bits + prod_bits;
        sat_q$d = 1'b0;
        if (en_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                acc_q$d = acc_max_c;
                sat_q$d = 1'b1;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                acc_q$d = acc_min_c;
                sat_q$d = 1'b1;
            end
            else begin
                acc_q$d = $signed(sum_bits);
            end
        end
        if (en_q$q & last_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                shadow_q$d = acc_max_c;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                shadow_q$d = acc_min_c;
            end
            else begin
                shadow_q$d = $signed(sum_bits);
            end
        end
        else if (shift) begin
            shadow_q$d = shadow_in;
        end
        shadow_out = shadow_q$q;
        sat = sat_q$q;
    end
    
endmodule // top$pes$12


module top$pes$12$acc_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$12$acc_q


module top$pes$12$en_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$12$en_q


module top$pes$12$first_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$12$first_q


module top$pes$12$last_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$12$last_q


module top$pes$12$mul(a,b,p);
    
    // Module arguments
    input wire signed [15:0] a;
    input wire signed [15:0] b;
    output reg signed [31:0] p;
    
    // Update code (custom)
    wire signed [31:0] a_ext = {{16{a[15]}}, a};
    wire signed [31:0] b_ext = {{16{b[15]}}, b};
    always @(*) p = a_ext * b_ext;
endmodule // top$pes$12$mul


module top$pes$12$prod_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$12$prod_q


module top$pes$12$sat_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$12$sat_q


module top$pes$12$shadow_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$12$shadow_q


module top$pes$13(clock,a_in,b_in,mac_en,first,last,shift,shadow_in,shadow_out,sat);
    
    // Module arguments
    input wire  clock;
    input wire signed [15:0] a_in;
    input wire signed [15:0] b_in;
    input wire  mac_en;
    input wire  first;
    input wire  last;
    input wire  shift;
    input wire signed [31:0] shadow_in;
    output reg signed [31:0] shadow_out;
    output reg  sat;
    
    // Constant declarations
    localparam  zero_c = 32'h0;
    localparam signed acc_max_c = 32'h7fffffff;
    localparam signed acc_min_c = 32'h80000000;
    localparam  sign_c = 32'h80000000;
    localparam  max_biased_c = 32'hffffffff;
    localparam  min_biased_c = 32'h0;
    
    // Stub signals
    reg signed [15:0] mul$a;
    reg signed [15:0] mul$b;
    wire signed [31:0] mul$p;
    reg signed [31:0] prod_q$d;
    wire signed [31:0] prod_q$q;
    reg  prod_q$clock;
    reg  en_q$d;
    wire  en_q$q;
    reg  en_q$clock;
    reg  first_q$d;
    wire  first_q$q;
    reg  first_q$clock;
    reg  last_q$d;
    wire  last_q$q;
    reg  last_q$clock;
    reg signed [31:0] acc_q$d;
    wire signed [31:0] acc_q$q;
    reg  acc_q$clock;
    reg signed [31:0] shadow_q$d;
    wire signed [31:0] shadow_q$q;
    reg  shadow_q$clock;
    reg  sat_q$d;
    wire  sat_q$q;
    reg  sat_q$clock;
    
    // Local signals
    reg  [31:0] base_bits;
    reg  [31:0] prod_bits;
    reg  [31:0] sum_bits;
    
    // Sub module instances
    top$pes$13$mul mul(
        .a(mul$a),
        .b(mul$b),
        .p(mul$p)
    );
    top$pes$13$prod_q prod_q(
        .d(prod_q$d),
        .q(prod_q$q),
        .clock(prod_q$clock)
    );
    top$pes$13$en_q en_q(
        .d(en_q$d),
        .q(en_q$q),
        .clock(en_q$clock)
    );
    top$pes$13$first_q first_q(
        .d(first_q$d),
        .q(first_q$q),
        .clock(first_q$clock)
    );
    top$pes$13$last_q last_q(
        .d(last_q$d),
        .q(last_q$q),
        .clock(last_q$clock)
    );
    top$pes$13$acc_q acc_q(
        .d(acc_q$d),
        .q(acc_q$q),
        .clock(acc_q$clock)
    );
    top$pes$13$shadow_q shadow_q(
        .d(shadow_q$d),
        .q(shadow_q$q),
        .clock(shadow_q$clock)
    );
    top$pes$13$sat_q sat_q(
        .d(sat_q$d),
        .q(sat_q$q),
        .clock(sat_q$clock)
    );
    
    // Update code
    always @(*) begin
        prod_q$clock = clock;
        en_q$clock = clock;
        first_q$clock = clock;
        last_q$clock = clock;
        acc_q$clock = clock;
        shadow_q$clock = clock;
        sat_q$clock = clock;
        prod_q$d = prod_q$q;
        en_q$d = en_q$q;
        first_q$d = first_q$q;
        last_q$d = last_q$q;
        acc_q$d = acc_q$q;
        shadow_q$d = shadow_q$q;
        sat_q$d = sat_q$q;
        mul$a = a_in;
        mul$b = b_in;
        prod_q$d = mul$p;
        en_q$d = mac_en;
        first_q$d = first;
        last_q$d = last;
        if (first_q$q) begin
            base_bits = zero_c;
        end
        else begin
            base_bits = $unsigned(acc_q$q);
        end
        prod_bits = $unsigned(prod_q$q);
        sum_bits = base_bits + prod_bits;
        sat_q$d = 1'b0;
        if (en_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                acc_q$d = acc_max_c;
                sat_q$d = 1'b1;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                acc_q$d = acc_min_c;
                sat_q$d = 1'b1;
            end
            else begin
                acc_q$d = $signed(sum_bits);
            end
        end
        if (en_q$q & last_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                shadow_q$d = acc_max_c;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                shadow_q$d = acc_min_c;
            end
            else begin
                shadow_q$d = $signed(sum_bits);
            end
        end
        else if (shift) begin
            shadow_q$d = shadow_in;
        end
        shadow_out = shadow_q$q;
        sat = sat_q$q;
    end
    
endmodule // top$pes$13


module top$pes$13$acc_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$13$acc_q


module top$pes$13$en_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$13$en_q


module top$pes$13$first_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$13$first_q


module top$pes$13$last_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$13$last_q


module top$pes$13$mul(a,b,p);
    
    // Module arguments
    input wire signed [15:0] a;
    input wire signed [15:0] b;
    output reg signed [31:0] p;
    
    // Update code (custom)
    wire signed [31:0] a_ext = {{16{a[15]}}, a};
    wire signed [31:0] b_ext = {{16{b[15]}}, b};
    always @(*) p = a_ext * b_ext;
endmodule // top$pes$13$mul


module top$pes$13$prod_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$13$prod_q


module top$pes$13$sat_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$13$sat_q


module top$pes$13$shadow_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$13$shadow_q


module top$pes$14(clock,a_in,b_in,mac_en,first,last,shift,shadow_in,shadow_out,sat);
    
    // Module arguments
    input wire  clock;
    input wire signed [15:0] a_in;
    input wire signed [15:0] b_in;
    input wire  mac_en;
    input wire  first;
    input wire  last;
    input wire  shift;
    input wire signed [31:0] shadow_in;
    output reg signed [31:0] shadow_out;
    output reg  sat;
    
    // Constant declarations
    localparam  zero_c = 32'h0;
    localparam signed acc_max_c = 32'h7fffffff;
    localparam signed acc_min_c = 32'h80000000;
    localparam  sign_c = 32'h80000000;
    localparam  max_biased_c = 32'hffffffff;
    localparam  min_biased_c = 32'h0;
    
    // Stub signals
    reg signed [15:0] mul$a;
    reg signed [15:0] mul$b;
    wire signed [31:0] mul$p;
    reg signed [31:0] prod_q$d;
    wire signed [31:0] prod_q$q;
    reg  prod_q$clock;
    reg  en_q$d;
    wire  en_q$q;
    reg  en_q$clock;
    reg  first_q$d;
    wire  first_q$q;
    reg  first_q$clock;
    reg  last_q$d;
    wire  last_q$q;
    reg  last_q$clock;
    reg signed [31:0] acc_q$d;
    wire signed [31:0] acc_q$q;
    reg  acc_q$clock;
    reg signed [31:0] shadow_q$d;
    wire signed [31:0] shadow_q$q;
    reg  shadow_q$clock;
    reg  sat_q$d;
    wire  sat_q$q;
    reg  sat_q$clock;
    
    // Local signals
    reg  [31:0] base_bits;
    reg  [31:0] prod_bits;
    reg  [31:0] sum_bits;
    
    // Sub module instances
    top$pes$14$mul mul(
        .a(mul$a),
        .b(mul$b),
        .p(mul$p)
    );
    top$pes$14$prod_q prod_q(
        .d(prod_q$d),
        .q(prod_q$q),
        .clock(prod_q$clock)
    );
    top$pes$14$en_q en_q(
        .d(en_q$d),
        .q(en_q$q),
        .clock(en_q$clock)
    );
    top$pes$14$first_q first_q(
        .d(first_q$d),
        .q(first_q$q),
        .clock(first_q$clock)
    );
    top$pes$14$last_q last_q(
        .d(last_q$d),
        .q(last_q$q),
        .clock(last_q$clock)
    );
    top$pes$14$acc_q acc_q(
        .d(acc_q$d),
        .q(acc_q$q),
        .clock(acc_q$clock)
    );
    top$pes$14$shadow_q shadow_q(
        .d(shadow_q$d),
        .q(shadow_q$q),
        .clock(shadow_q$clock)
    );
    top$pes$14$sat_q sat_q(
        .d(sat_q$d),
        .q(sat_q$q),
        .clock(sat_q$clock)
    );
    
    // Update code
    always @(*) begin
        prod_q$clock = clock;
        en_q$clock = clock;
        first_q$clock = clock;
        last_q$clock = clock;
        acc_q$clock = clock;
        shadow_q$clock = clock;
        sat_q$clock = clock;
        prod_q$d = prod_q$q;
        en_q$d = en_q$q;
        first_q$d = first_q$q;
        last_q$d = last_q$q;
        acc_q$d = acc_q$q;
        shadow_q$d = shadow_q$q;
        sat_q$d = sat_q$q;
        mul$a = a_in;
        mul$b = b_in;
        prod_q$d = mul$p;
        en_q$d = mac_en;
        first_q$d = first;
        last_q$d = last;
        if (first_q$q) begin
            base_bits = zero_c;
        end
        else begin
            base_bits = $unsigned(acc_q$q);
        end
        prod_bits = $unsigned(prod_q$q);
        sum_bits = base_bits + prod_bits;
        sat_q$d = 1'b0;
        if (en_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                acc_q$d = acc_max_c;
                sat_q$d = 1'b1;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                acc_q$d = acc_min_c;
                sat_q$d = 1'b1;
            end
            else begin
                acc_q$d = $signed(sum_bits);
            end
        end
        if (en_q$q & last_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                shadow_q$d = acc_max_c;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                shadow_q$d = acc_min_c;
            end
            else begin
                shadow_q$d = $signed(sum_bits);
            end
        end
        else if (shift) begin
            shadow_q$d = shadow_in;
        end
        shadow_out = shadow_q$q;
        sat = sat_q$q;
    end
    
endmodule // top$pes$14


module top$pes$14$acc_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$14$acc_q


module top$pes$14$en_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$14$en_q


module top$pes$14$first_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$14$first_q


module top$pes$14$last_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$14$last_q


module top$pes$14$mul(a,b,p);
    
    // Module arguments
    input wire signed [15:0] a;
    input wire signed [15:0] b;
    output reg signed [31:0] p;
    
    // Update code (custom)
    wire signed [31:0] a_ext = {{16{a[15]}}, a};
    wire signed [31:0] b_ext = {{16{b[15]}}, b};
    always @(*) p = a_ext * b_ext;
endmodule // top$pes$14$mul


module top$pes$14$prod_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$14$prod_q


module top$pes$14$sat_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$14$sat_q


module top$pes$14$shadow_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$14$shadow_q


module top$pes$15(clock,a_in,b_in,mac_en,first,last,shift,shadow_in,shadow_out,sat);
    
    // Module arguments
    input wire  clock;
    input wire signed [15:0] a_in;
    input wire signed [15:0] b_in;
    input wire  mac_en;
    input wire  first;
    input wire  last;
    input wire  shift;
    input wire signed [31:0] shadow_in;
    output reg signed [31:0] shadow_out;
    output reg  sat;
    
    // Constant declarations
    localparam  zero_c = 32'h0;
    localparam signed acc_max_c = 32'h7fffffff;
    localparam signed acc_min_c = 32'h80000000;
    localparam  sign_c = 32'h80000000;
    localparam  max_biased_c = 32'hffffffff;
    localparam  min_biased_c = 32'h0;
    
    // Stub signals
    reg signed [15:0] mul$a;
    reg signed [15:0] mul$b;
    wire signed [31:0] mul$p;
    reg signed [31:0] prod_q$d;
    wire signed [31:0] prod_q$q;
    reg  prod_q$clock;
    reg  en_q$d;
    wire  en_q$q;
    reg  en_q$clock;
    reg  first_q$d;
    wire  first_q$q;
    reg  first_q$clock;
    reg  last_q$d;
    wire  last_q$q;
    reg  last_q$clock;
    reg signed [31:0] acc_q$d;
    wire signed [31:0] acc_q$q;
    reg  acc_q$clock;
    reg signed [31:0] shadow_q$d;
    wire signed [31:0] shadow_q$q;
    reg  shadow_q$clock;
    reg  sat_q$d;
    wire  sat_q$q;
    reg  sat_q$clock;
    
    // Local signals
    reg  [31:0] base_bits;
    reg  [31:0] prod_bits;
    reg  [31:0] sum_bits;
    
    // Sub module instances
    top$pes$15$mul mul(
        .a(mul$a),
        .b(mul$b),
        .p(mul$p)
    );
    top$pes$15$prod_q prod_q(
        .d(prod_q$d),
        .q(prod_q$q),
        .clock(prod_q$clock)
    );
    top$pes$15$en_q en_q(
        .d(en_q$d),
        .q(en_q$q),
        .clock(en_q$clock)
    );
    top$pes$15$first_q first_q(
        .d(first_q$d),
        .q(first_q$q),
        .clock(first_q$clock)
    );
    top$pes$15$last_q last_q(
        .d(last_q$d),
        .q(last_q$q),
        .clock(last_q$clock)
    );
    top$pes$15$acc_q acc_q(
        .d(acc_q$d),
        .q(acc_q$q),
        .clock(acc_q$clock)
    );
    top$pes$15$shadow_q shadow_q(
        .d(shadow_q$d),
        .q(shadow_q$q),
        .clock(shadow_q$clock)
    );
    top$pes$15$sat_q sat_q(
        .d(sat_q$d),
        .q(sat_q$q),
        .clock(sat_q$clock)
    );
    
    // Update code
    always @(*) begin
        prod_q$clock = clock;
        en_q$clock = clock;
        first_q$clock = clock;
        last_q$clock = clock;
        acc_q$clock = clock;
        shadow_q$clock = clock;
        sat_q$clock = clock;
        prod_q$d = prod_q$q;
        en_q$d = en_q$q;
        first_q$d = first_q$q;
        last_q$d = last_q$q;
        acc_q$d = acc_q$q;
        shadow_q$d = shadow_q$q;
        sat_q$d = sat_q$q;
        mul$a = a_in;
        mul$b = b_in;
        prod_q$d = mul$p;
        en_q$d = mac_en;
        first_q$d = first;
        last_q$d = last;
        if (first_q$q) begin
            base_bits = zero_c;
        end
        else begin
            base_bits = $unsigned(acc_q$q);
        end
        prod_bits = $unsigned(prod_q$q);
        sum_bits = base_bits + prod_bits;
        sat_q$d = 1'b0;
        if (en_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                acc_q$d = acc_max_c;
                sat_q$d = 1'b1;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                acc_q$d = acc_min_c;
                sat_q$d = 1'b1;
            end
            else begin
                acc_q$d = $signed(sum_bits);
            end
        end
        if (en_q$q & last_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                shadow_q$d = acc_max_c;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                shadow_q$d = acc_min_c;
            end
            else begin
                shadow_q$d = $signed(sum_bits);
            end
        end
        else if (shift) begin
            shadow_q$d = shadow_in;
        end
        shadow_out = shadow_q$q;
        sat = sat_q$q;
    end
    
endmodule // top$pes$15


module top$pes$15$acc_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$15$acc_q


module top$pes$15$en_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$15$en_q


module top$pes$15$first_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$15$first_q


module top$pes$15$last_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$15$last_q


module top$pes$15$mul(a,b,p);
    
    // Module arguments
    input wire signed [15:0] a;
    input wire signed [15:0] b;
    output reg signed [31:0] p;
    
    // Update code (custom)
    wire signed [31:0] a_ext = {{16{a[15]}}, a};
    wire signed [31:0] b_ext = {{16{b[15]}}, b};
    always @(*) p = a_ext * b_ext;
endmodule // top$pes$15$mul


module top$pes$15$prod_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$15$prod_q


module top$pes$15$sat_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$15$sat_q


module top$pes$15$shadow_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$15$shadow_q


module top$pes$2(clock,a_in,b_in,mac_en,first,last,shift,shadow_in,shadow_out,sat);
    
    // Module arguments
    input wire  clock;
    input wire signed [15:0] a_in;
    input wire signed [15:0] b_in;
    input wire  mac_en;
    input wire  first;
    input wire  last;
    input wire  shift;
    input wire signed [31:0] shadow_in;
    output reg signed [31:0] shadow_out;
    output reg  sat;
    
    // Constant declarations
    localparam  zero_c = 32'h0;
    localparam signed acc_max_c = 32'h7fffffff;
    localparam signed acc_min_c = 32'h80000000;
    localparam  sign_c = 32'h80000000;
    localparam  max_biased_c = 32'hffffffff;
    localparam  min_biased_c = 32'h0;
    
    // Stub signals
    reg signed [15:0] mul$a;
    reg signed [15:0] mul$b;
    wire signed [31:0] mul$p;
    reg signed [31:0] prod_q$d;
    wire signed [31:0] prod_q$q;
    reg  prod_q$clock;
    reg  en_q$d;
    wire  en_q$q;
    reg  en_q$clock;
    reg  first_q$d;
    wire  first_q$q;
    reg  first_q$clock;
    reg  last_q$d;
    wire  last_q$q;
    reg  last_q$clock;
    reg signed [31:0] acc_q$d;
    wire signed [31:0] acc_q$q;
    reg  acc_q$clock;
    reg signed [31:0] shadow_q$d;
    wire signed [31:0] shadow_q$q;
    reg  shadow_q$clock;
    reg  sat_q$d;
    wire  sat_q$q;
    reg  sat_q$clock;
    
    // Local signals
    reg  [31:0] base_bits;
    reg  [31:0] prod_bits;
    reg  [31:0] sum_bits;
    
    // Sub module instances
    top$pes$2$mul mul(
        .a(mul$a),
        .b(mul$b),
        .p(mul$p)
    );
    top$pes$2$prod_q prod_q(
        .d(prod_q$d),
        .q(prod_q$q),
        .clock(prod_q$clock)
    );
    top$pes$2$en_q en_q(
        .d(en_q$d),
        .q(en_q$q),
        .clock(en_q$clock)
    );
    top$pes$2$first_q first_q(
        .d(first_q$d),
        .q(first_q$q),
        .clock(first_q$clock)
    );
    top$pes$2$last_q last_q(
        .d(last_q$d),
        .q(last_q$q),
        .clock(last_q$clock)
    );
    top$pes$2$acc_q acc_q(
        .d(acc_q$d),
        .q(acc_q$q),
        .clock(acc_q$clock)
    );
    top$pes$2$shadow_q shadow_q(
        .d(shadow_q$d),
        .q(shadow_q$q),
        .clock(shadow_q$clock)
    );
    top$pes$2$sat_q sat_q(
        .d(sat_q$d),
        .q(sat_q$q),
        .clock(sat_q$clock)
    );
    
    // Update code
    always @(*) begin
        prod_q$clock = clock;
        en_q$clock = clock;
        first_q$clock = clock;
        last_q$clock = clock;
        acc_q$clock = clock;
        shadow_q$clock = clock;
        sat_q$clock = clock;
        prod_q$d = prod_q$q;
        en_q$d = en_q$q;
        first_q$d = first_q$q;
        last_q$d = last_q$q;
        acc_q$d = acc_q$q;
        shadow_q$d = shadow_q$q;
        sat_q$d = sat_q$q;
        mul$a = a_in;
        mul$b = b_in;
        prod_q$d = mul$p;
        en_q$d = mac_en;
        first_q$d = first;
        last_q$d = last;
        if (first_q$q) begin
            base_bits = zero_c;
        end
        else begin
            base_bits = $unsigned(acc_q$q);
        end
        prod_bits = $unsigned(prod_q$q);
        sum_bits = base_bits + prod_bits;
        sat_q$d = 1'b0;
        if (en_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                acc_q$d = acc_max_c;
                sat_q$d = 1'b1;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                acc_q$d = acc_min_c;
                sat_q$d = 1'b1;
            end
            else begin
                acc_q$d = $signed(sum_bits);
            end
        end
        if (en_q$q & last_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                shadow_q$d = acc_max_c;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                shadow_q$d = acc_min_c;
            end
            else begin
                shadow_q$d = $signed(sum_bits);
            end
        end
        else if (shift) begin
            shadow_q$d = shadow_in;
        end
        shadow_out = shadow_q$q;
        sat = sat_q$q;
    end
    
endmodule // top$pes$2


module top$pes$2$acc_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$2$acc_q


module top$pes$2$en_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$2$en_q


module top$pes$2$first_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$2$first_q


module top$pes$2$last_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$2$last_q


module top$pes$2$mul(a,b,p);
    
    // Module arguments
    input wire signed [15:0] a;
    input wire signed [15:0] b;
    output reg signed [31:0] p;
    
    // Update code (custom)
    wire signed [31:0] a_ext = {{16{a[15]}}, a};
    wire signed [31:0] b_ext = {{16{b[15]}}, b};
    always @(*) p = a_ext * b_ext;
endmodule // top$pes$2$mul


module top$pes$2$prod_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$2$prod_q


module top$pes$2$sat_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$2$sat_q


module top$pes$2$shadow_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$2$shadow_q


module top$pes$3(clock,a_in,b_in,mac_en,first,last,shift,shadow_in,shadow_out,sat);
    
    // Module arguments
    input wire  clock;
    input wire signed [15:0] a_in;
    input wire signed [15:0] b_in;
    input wire  mac_en;
    input wire  first;
    input wire  last;
    input wire  shift;
    input wire signed [31:0] shadow_in;
    output reg signed [31:0] shadow_out;
    output reg  sat;
    
    // Constant declarations
    localparam  zero_c = 32'h0;
    localparam signed acc_max_c = 32'h7fffffff;
    localparam signed acc_min_c = 32'h80000000;
    localparam  sign_c = 32'h80000000;
    localparam  max_biased_c = 32'hffffffff;
    localparam  min_biased_c = 32'h0;
    
    // Stub signals
    reg signed [15:0] mul$a;
    reg signed [15:0] mul$b;
    wire signed [31:0] mul$p;
    reg signed [31:0] prod_q$d;
    wire signed [31:0] prod_q$q;
    reg  prod_q$clock;
    reg  en_q$d;
    wire  en_q$q;
    reg  en_q$clock;
    reg  first_q$d;
    wire  first_q$q;
    reg  first_q$clock;
    reg  last_q$d;
    wire  last_q$q;
    reg  last_q$clock;
    reg signed [31:0] acc_q$d;
    wire signed [31:0] acc_q$q;
    reg  acc_q$clock;
    reg signed [31:0] shadow_q$d;
    wire signed [31:0] shadow_q$q;
    reg  shadow_q$clock;
    reg  sat_q$d;
    wire  sat_q$q;
    reg  sat_q$clock;
    
    // Local signals
    reg  [31:0] base_bits;
    reg  [31:0] prod_bits;
    reg  [31:0] sum_bits;
    
    // Sub module instances
    top$pes$3$mul mul(
        .a(mul$a),
        .b(mul$b),
        .p(mul$p)
    );
    top$pes$3$prod_q prod_q(
        .d(prod_q$d),
        .q(prod_q$q),
        .clock(prod_q$clock)
    );
    top$pes$3$en_q en_q(
        .d(en_q$d),
        .q(en_q$q),
        .clock(en_q$clock)
    );
    top$pes$3$first_q first_q(
        .d(first_q$d),
        .q(first_q$q),
        .clock(first_q$clock)
    );
    top$pes$3$last_q last_q(
        .d(last_q$d),
        .q(last_q$q),
        .clock(last_q$clock)
    );
    top$pes$3$acc_q acc_q(
        .d(acc_q$d),
        .q(acc_q$q),
        .clock(acc_q$clock)
    );
    top$pes$3$shadow_q shadow_q(
        .d(shadow_q$d),
        .q(shadow_q$q),
        .clock(shadow_q$clock)
    );
    top$pes$3$sat_q sat_q(
        .d(sat_q$d),
        .q(sat_q$q),
        .clock(sat_q$clock)
    );
    
    // Update code
    always @(*) begin
        prod_q$clock = clock;
        en_q$clock = clock;
        first_q$clock = clock;
        last_q$clock = clock;
        acc_q$clock = clock;
        shadow_q$clock = clock;
        sat_q$clock = clock;
        prod_q$d = prod_q$q;
        en_q$d = en_q$q;
        first_q$d = first_q$q;
        last_q$d = last_q$q;
        acc_q$d = acc_q$q;
        shadow_q$d = shadow_q$q;
        sat_q$d = sat_q$q;
        mul$a = a_in;
        mul$b = b_in;
        prod_q$d = mul$p;
        en_q$d = mac_en;
        first_q$d = first;
        last_q$d = last;
        if (first_q$q) begin
            base_bits = zero_c;
        end
        else begin
            base_bits = $unsigned(acc_q$q);
        end
        prod_bits = $unsigned(prod_q$q);
        sum_bits = base_bits + prod_bits;
        sat_q$d = 1'b0;
        if (en_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                acc_q$d = acc_max_c;
                sat_q$d = 1'b1;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                acc_q$d = acc_min_c;
                sat_q$d = 1'b1;
            end
            else begin
                acc_q$d = $signed(sum_bits);
            end
        end
        if (en_q$q & last_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                shadow_q$d = acc_max_c;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                shadow_q$d = acc_min_c;
            end
            else begin
                shadow_q$d = $signed(sum_bits);
            end
        end
        else if (shift) begin
            shadow_q$d = shadow_in;
        end
        shadow_out = shadow_q$q;
        sat = sat_q$q;
    end
    
endmodule // top$pes$3


module top$pes$3$acc_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$3$acc_q


module top$pes$3$en_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$3$en_q


module top$pes$3$first_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$3$first_q


module top$pes$3$last_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$3$last_q


module top$pes$3$mul(a,b,p);
    
    // Module arguments
    input wire signed [15:0] a;
    input wire signed [15:0] b;
    output reg signed [31:0] p;
    
    // Update code (custom)
    wire signed [31:0] a_ext = {{16{a[15]}}, a};
    wire signed [31:0] b_ext = {{16{b[15]}}, b};
    always @(*) p = a_ext * b_ext;
endmodule // top$pes$3$mul


module top$pes$3$prod_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$3$prod_q


module top$pes$3$sat_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$3$sat_q


module top$pes$3$shadow_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$3$shadow_q


module top$pes$4(clock,a_in,b_in,mac_en,first,last,shift,shadow_in,shadow_out,sat);
    
    // Module arguments
    input wire  clock;
    input wire signed [15:0] a_in;
    input wire signed [15:0] b_in;
    input wire  mac_en;
    input wire  first;
    input wire  last;
    input wire  shift;
    input wire signed [31:0] shadow_in;
    output reg signed [31:0] shadow_out;
    output reg  sat;
    
    // Constant declarations
    localparam  zero_c = 32'h0;
    localparam signed acc_max_c = 32'h7fffffff;
    localparam signed acc_min_c = 32'h80000000;
    localparam  sign_c = 32'h80000000;
    localparam  max_biased_c = 32'hffffffff;
    localparam  min_biased_c = 32'h0;
    
    // Stub signals
    reg signed [15:0] mul$a;
    reg signed [15:0] mul$b;
    wire signed [31:0] mul$p;
    reg signed [31:0] prod_q$d;
    wire signed [31:0] prod_q$q;
    reg  prod_q$clock;
    reg  en_q$d;
    wire  en_q$q;
    reg  en_q$clock;
    reg  first_q$d;
    wire  first_q$q;
    reg  first_q$clock;
    reg  last_q$d;
    wire  last_q$q;
    reg  last_q$clock;
    reg signed [31:0] acc_q$d;
    wire signed [31:0] acc_q$q;
    reg  acc_q$clock;
    reg signed [31:0] shadow_q$d;
    wire signed [31:0] shadow_q$q;
    reg  shadow_q$clock;
    reg  sat_q$d;
    wire  sat_q$q;
    reg  sat_q$clock;
    
    // Local signals
    reg  [31:0] base_bits;
    reg  [31:0] prod_bits;
    reg  [31:0] sum_bits;
    
    // Sub module instances
    top$pes$4$mul mul(
        .a(mul$a),
        .b(mul$b),
        .p(mul$p)
    );
    top$pes$4$prod_q prod_q(
        .d(prod_q$d),
        .q(prod_q$q),
        .clock(prod_q$clock)
    );
    top$pes$4$en_q en_q(
        .d(en_q$d),
        .q(en_q$q),
        .clock(en_q$clock)
    );
    top$pes$4$first_q first_q(
        .d(first_q$d),
        .q(first_q$q),
        .clock(first_q$clock)
    );
    top$pes$4$last_q last_q(
        .d(last_q$d),
        .q(last_q$q),
        .clock(last_q$clock)
    );
    top$pes$4$acc_q acc_q(
        .d(acc_q$d),
        .q(acc_q$q),
        .clock(acc_q$clock)
    );
    top$pes$4$shadow_q shadow_q(
        .d(shadow_q$d),
        .q(shadow_q$q),
        .clock(shadow_q$clock)
    );
    top$pes$4$sat_q sat_q(
        .d(sat_q$d),
        .q(sat_q$q),
        .clock(sat_q$clock)
    );
    
    // Update code
    always @(*) begin
        prod_q$clock = clock;
        en_q$clock = clock;
        first_q$clock = clock;
        last_q$clock = clock;
        acc_q$clock = clock;
        shadow_q$clock = clock;
        sat_q$clock = clock;
        prod_q$d = prod_q$q;
        en_q$d = en_q$q;
        first_q$d = first_q$q;
        last_q$d = last_q$q;
        acc_q$d = acc_q$q;
        shadow_q$d = shadow_q$q;
        sat_q$d = sat_q$q;
        mul$a = a_in;
        mul$b = b_in;
        prod_q$d = mul$p;
        en_q$d = mac_en;
        first_q$d = first;
        last_q$d = last;
        if (first_q$q) begin
            base_bits = zero_c;
        end
        else begin
            base_bits = $unsigned(acc_q$q);
        end
        prod_bits = $unsigned(prod_q$q);
        sum_bits = base_bits + prod_bits;
        sat_q$d = 1'b0;
        if (en_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                acc_q$d = acc_max_c;
                sat_q$d = 1'b1;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                acc_q$d = acc_min_c;
                sat_q$d = 1'b1;
            end
            else begin
                acc_q$d = $signed(sum_bits);
            end
        end
        if (en_q$q & last_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                shadow_q$d = acc_max_c;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                shadow_q$d = acc_min_c;
            end
            else begin
                shadow_q$d = $signed(sum_bits);
            end
        end
        else if (shift) begin
            shadow_q$d = shadow_in;
        end
        shadow_out = shadow_q$q;
        sat = sat_q$q;
    end
    
endmodule // top$pes$4


module top$pes$4$acc_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$4$acc_q


module top$pes$4$en_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$4$en_q


module top$pes$4$first_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$4$first_q


module top$pes$4$last_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$4$last_q


module top$pes$4$mul(a,b,p);
    
    // Module arguments
    input wire signed [15:0] a;
    input wire signed [15:0] b;
    output reg signed [31:0] p;
    
    // Update code (custom)
    wire signed [31:0] a_ext = {{16{a[15]}}, a};
    wire signed [31:0] b_ext = {{16{b[15]}}, b};
    always @(*) p = a_ext * b_ext;
endmodule // top$pes$4$mul


module top$pes$4$prod_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$4$prod_q


module top$pes$4$sat_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$4$sat_q


module top$pes$4$shadow_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$4$shadow_q


module top$pes$5(clock,a_in,b_in,mac_en,first,last,shift,shadow_in,shadow_out,sat);
    
    // Module arguments
    input wire  clock;
    input wire signed [15:0] a_in;
    input wire signed [15:0] b_in;
    input wire  mac_en;
    input wire  first;
    input wire  last;
    input wire  shift;
    input wire signed [31:0] shadow_in;
    output reg signed [31:0] shadow_out;
    output reg  sat;
    
    // Constant declarations
    localparam  zero_c = 32'h0;
    localparam signed acc_max_c = 32'h7fffffff;
    localparam signed acc_min_c = 32'h80000000;
    localparam  sign_c = 32'h80000000;
    localparam  max_biased_c = 32'hffffffff;
    localparam  min_biased_c = 32'h0;
    
    // Stub signals
    reg signed [15:0] mul$a;
    reg signed [15:0] mul$b;
    wire signed [31:0] mul$p;
    reg signed [31:0] prod_q$d;
    wire signed [31:0] prod_q$q;
    reg  prod_q$clock;
    reg  en_q$d;
    wire  en_q$q;
    reg  en_q$clock;
    reg  first_q$d;
    wire  first_q$q;
    reg  first_q$clock;
    reg  last_q$d;
    wire  last_q$q;
    reg  last_q$clock;
    reg signed [31:0] acc_q$d;
    wire signed [31:0] acc_q$q;
    reg  acc_q$clock;
    reg signed [31:0] shadow_q$d;
    wire signed [31:0] shadow_q$q;
    reg  shadow_q$clock;
    reg  sat_q$d;
    wire  sat_q$q;
    reg  sat_q$clock;
    
    // Local signals
    reg  [31:0] base_bits;
    reg  [31:0] prod_bits;
    reg  [31:0] sum_bits;
    
    // Sub module instances
    top$pes$5$mul mul(
        .a(mul$a),
        .b(mul$b),
        .p(mul$p)
    );
    top$pes$5$prod_q prod_q(
        .d(prod_q$d),
        .q(prod_q$q),
        .clock(prod_q$clock)
    );
    top$pes$5$en_q en_q(
        .d(en_q$d),
        .q(en_q$q),
        .clock(en_q$clock)
    );
    top$pes$5$first_q first_q(
        .d(first_q$d),
        .q(first_q$q),
        .clock(first_q$clock)
    );
    top$pes$5$last_q last_q(
        .d(last_q$d),
        .q(last_q$q),
        .clock(last_q$clock)
    );
    top$pes$5$acc_q acc_q(
        .d(acc_q$d),
        .q(acc_q$q),
        .clock(acc_q$clock)
    );
    top$pes$5$shadow_q shadow_q(
        .d(shadow_q$d),
        .q(shadow_q$q),
        .clock(shadow_q$clock)
    );
    top$pes$5$sat_q sat_q(
        .d(sat_q$d),
        .q(sat_q$q),
        .clock(sat_q$clock)
    );
    
    // Update code
    always @(*) begin
        prod_q$clock = clock;
        en_q$clock = clock;
        first_q$clock = clock;
        last_q$clock = clock;
        acc_q$clock = clock;
        shadow_q$clock = clock;
        sat_q$clock = clock;
        prod_q$d = prod_q$q;
        en_q$d = en_q$q;
        first_q$d = first_q$q;
        last_q$d = last_q$q;
        acc_q$d = acc_q$q;
        shadow_q$d = shadow_q$q;
        sat_q$d = sat_q$q;
        mul$a = a_in;
        mul$b = b_in;
        prod_q$d = mul$p;
        en_q$d = mac_en;
        first_q$d = first;
        last_q$d = last;
        if (first_q$q) begin
            base_bits = zero_c;
        end
        else begin
            base_bits = $unsigned(acc_q$q);
        end
        prod_bits = $unsigned(prod_q$q);
        sum_bits = base_bits + prod_bits;
        sat_q$d = 1'b0;
        if (en_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                acc_q$d = acc_max_c;
                sat_q$d = 1'b1;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                acc_q$d = acc_min_c;
                sat_q$d = 1'b1;
            end
            else begin
                acc_q$d = $signed(sum_bits);
            end
        end
        if (en_q$q & last_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                shadow_q$d = acc_max_c;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                shadow_q$d = acc_min_c;
            end
            else begin
                shadow_q$d = $signed(sum_bits);
            end
        end
        else if (shift) begin
            shadow_q$d = shadow_in;
        end
        shadow_out = shadow_q$q;
        sat = sat_q$q;
    end
    
endmodule // top$pes$5


module top$pes$5$acc_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$5$acc_q


module top$pes$5$en_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$5$en_q


module top$pes$5$first_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$5$first_q


module top$pes$5$last_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$5$last_q


module top$pes$5$mul(a,b,p);
    
    // Module arguments
    input wire signed [15:0] a;
    input wire signed [15:0] b;
    output reg signed [31:0] p;
    
    // Update code (custom)
    wire signed [31:0] a_ext = {{16{a[15]}}, a};
    wire signed [31:0] b_ext = {{16{b[15]}}, b};
    always @(*) p = a_ext * b_ext;
endmodule // top$pes$5$mul


module top$pes$5$prod_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$5$prod_q


module top$pes$5$sat_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$5$sat_q


module top$pes$5$shadow_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$5$shadow_q


module top$pes$6(clock,a_in,b_in,mac_en,first,last,shift,shadow_in,shadow_out,sat);
    
    // Module arguments
    input wire  clock;
    input wire signed [15:0] a_in;
    input wire signed [15:0] b_in;
    input wire  mac_en;
    input wire  first;
    input wire  last;
    input wire  shift;
    input wire signed [31:0] shadow_in;
    output reg signed [31:0] shadow_out;
    output reg  sat;
    
    // Constant declarations
    localparam  zero_c = 32'h0;
    localparam signed acc_max_c = 32'h7fffffff;
    localparam signed acc_min_c = 32'h80000000;
    localparam  sign_c = 32'h80000000;
    localparam  max_biased_c = 32'hffffffff;
    localparam  min_biased_c = 32'h0;
    
    // Stub signals
    reg signed [15:0] mul$a;
    reg signed [15:0] mul$b;
    wire signed [31:0] mul$p;
    reg signed [31:0] prod_q$d;
    wire signed [31:0] prod_q$q;
    reg  prod_q$clock;
    reg  en_q$d;
    wire  en_q$q;
    reg  en_q$clock;
    reg  first_q$d;
    wire  first_q$q;
    reg  first_q$clock;
    reg  last_q$d;
    wire  last_q$q;
    reg  last_q$clock;
    reg signed [31:0] acc_q$d;
    wire signed [31:0] acc_q$q;
    reg  acc_q$clock;
    reg signed [31:0] shadow_q$d;
    wire signed [31:0] shadow_q$q;
    reg  shadow_q$clock;
    reg  sat_q$d;
    wire  sat_q$q;
    reg  sat_q$clock;
    
    // Local signals
    reg  [31:0] base_bits;
    reg  [31:0] prod_bits;
    reg  [31:0] sum_bits;
    
    // Sub module instances
    top$pes$6$mul mul(
        .a(mul$a),
        .b(mul$b),
        .p(mul$p)
    );
    top$pes$6$prod_q prod_q(
        .d(prod_q$d),
        .q(prod_q$q),
        .clock(prod_q$clock)
    );
    top$pes$6$en_q en_q(
        .d(en_q$d),
        .q(en_q$q),
        .clock(en_q$clock)
    );
    top$pes$6$first_q first_q(
        .d(first_q$d),
        .q(first_q$q),
        .clock(first_q$clock)
    );
    top$pes$6$last_q last_q(
        .d(last_q$d),
        .q(last_q$q),
        .clock(last_q$clock)
    );
    top$pes$6$acc_q acc_q(
        .d(acc_q$d),
        .q(acc_q$q),
        .clock(acc_q$clock)
    );
    top$pes$6$shadow_q shadow_q(
        .d(shadow_q$d),
        .q(shadow_q$q),
        .clock(shadow_q$clock)
    );
    top$pes$6$sat_q sat_q(
        .d(sat_q$d),
        .q(sat_q$q),
        .clock(sat_q$clock)
    );
    
    // Update code
    always @(*) begin
        prod_q$clock = clock;
        en_q$clock = clock;
        first_q$clock = clock;
        last_q$clock = clock;
        acc_q$clock = clock;
        shadow_q$clock = clock;
        sat_q$clock = clock;
        prod_q$d = prod_q$q;
        en_q$d = en_q$q;
        first_q$d = first_q$q;
        last_q$d = last_q$q;
        acc_q$d = acc_q$q;
        shadow_q$d = shadow_q$q;
        sat_q$d = sat_q$q;
        mul$a = a_in;
        mul$b = b_in;
        prod_q$d = mul$p;
        en_q$d = mac_en;
        first_q$d = first;
        last_q$d = last;
        if (first_q$q) begin
            base_bits = zero_c;
        end
        else begin
            base_bits = $unsigned(acc_q$q);
        end
        prod_bits = $unsigned(prod_q$q);
        sum_bits = base_bits + prod_bits;
        sat_q$d = 1'b0;
        if (en_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                acc_q$d = acc_max_c;
                sat_q$d = 1'b1;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                acc_q$d = acc_min_c;
                sat_q$d = 1'b1;
            end
            else begin
                acc_q$d = $signed(sum_bits);
            end
        end
        if (en_q$q & last_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                shadow_q$d = acc_max_c;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                shadow_q$d = acc_min_c;
            end
            else begin
                shadow_q$d = $signed(sum_bits);
            end
        end
        else if (shift) begin
            shadow_q$d = shadow_in;
        end
        shadow_out = shadow_q$q;
        sat = sat_q$q;
    end
    
endmodule // top$pes$6


module top$pes$6$acc_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$6$acc_q


module top$pes$6$en_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$6$en_q


module top$pes$6$first_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$6$first_q


module top$pes$6$last_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$6$last_q


module top$pes$6$mul(a,b,p);
    
    // Module arguments
    input wire signed [15:0] a;
    input wire signed [15:0] b;
    output reg signed [31:0] p;
    
    // Update code (custom)
    wire signed [31:0] a_ext = {{16{a[15]}}, a};
    wire signed [31:0] b_ext = {{16{b[15]}}, b};
    always @(*) p = a_ext * b_ext;
endmodule // top$pes$6$mul


module top$pes$6$prod_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$6$prod_q


module top$pes$6$sat_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$6$sat_q


module top$pes$6$shadow_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$6$shadow_q


module top$pes$7(clock,a_in,b_in,mac_en,first,last,shift,shadow_in,shadow_out,sat);
    
    // Module arguments
    input wire  clock;
    input wire signed [15:0] a_in;
    input wire signed [15:0] b_in;
    input wire  mac_en;
    input wire  first;
    input wire  last;
    input wire  shift;
    input wire signed [31:0] shadow_in;
    output reg signed [31:0] shadow_out;
    output reg  sat;
    
    // Constant declarations
    localparam  zero_c = 32'h0;
    localparam signed acc_max_c = 32'h7fffffff;
    localparam signed acc_min_c = 32'h80000000;
    localparam  sign_c = 32'h80000000;
    localparam  max_biased_c = 32'hffffffff;
    localparam  min_biased_c = 32'h0;
    
    // Stub signals
    reg signed [15:0] mul$a;
    reg signed [15:0] mul$b;
    wire signed [31:0] mul$p;
    reg signed [31:0] prod_q$d;
    wire signed [31:0] prod_q$q;
    reg  prod_q$clock;
    reg  en_q$d;
    wire  en_q$q;
    reg  en_q$clock;
    reg  first_q$d;
    wire  first_q$q;
    reg  first_q$clock;
    reg  last_q$d;
    wire  last_q$q;
    reg  last_q$clock;
    reg signed [31:0] acc_q$d;
    wire signed [31:0] acc_q$q;
    reg  acc_q$clock;
    reg signed [31:0] shadow_q$d;
    wire signed [31:0] shadow_q$q;
    reg  shadow_q$clock;
    reg  sat_q$d;
    wire  sat_q$q;
    reg  sat_q$clock;
    
    // Local signals
    reg  [31:0] base_bits;
    reg  [31:0] prod_bits;
    reg  [31:0] sum_bits;
    
    // Sub module instances
    top$pes$7$mul mul(
        .a(mul$a),
        .b(mul$b),
        .p(mul$p)
    );
    top$pes$7$prod_q prod_q(
        .d(prod_q$d),
        .q(prod_q$q),
        .clock(prod_q$clock)
    );
    top$pes$7$en_q en_q(
        .d(en_q$d),
        .q(en_q$q),
        .clock(en_q$clock)
    );
    top$pes$7$first_q first_q(
        .d(first_q$d),
        .q(first_q$q),
        .clock(first_q$clock)
    );
    top$pes$7$last_q last_q(
        .d(last_q$d),
        .q(last_q$q),
        .clock(last_q$clock)
    );
    top$pes$7$acc_q acc_q(
        .d(acc_q$d),
        .q(acc_q$q),
        .clock(acc_q$clock)
    );
    top$pes$7$shadow_q shadow_q(
        .d(shadow_q$d),
        .q(shadow_q$q),
        .clock(shadow_q$clock)
    );
    top$pes$7$sat_q sat_q(
        .d(sat_q$d),
        .q(sat_q$q),
        .clock(sat_q$clock)
    );
    
    // Update code
    always @(*) begin
        prod_q$clock = clock;
        en_q$clock = clock;
        first_q$clock = clock;
        last_q$clock = clock;
        acc_q$clock = clock;
        shadow_q$clock = clock;
        sat_q$clock = clock;
        prod_q$d = prod_q$q;
        en_q$d = en_q$q;
        first_q$d = first_q$q;
        last_q$d = last_q$q;
        acc_q$d = acc_q$q;
        shadow_q$d = shadow_q$q;
        sat_q$d = sat_q$q;
        mul$a = a_in;
        mul$b = b_in;
        prod_q$d = mul$p;
        en_q$d = mac_en;
        first_q$d = first;
        last_q$d = last;
        if (first_q$q) begin
            base_bits = zero_c;
        end
        else begin
            base_bits = $unsigned(acc_q$q);
        end
        prod_bits = $unsigned(prod_q$q);
        sum_bits = base_bits + prod_bits;
        sat_q$d = 1'b0;
        if (en_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                acc_q$d = acc_max_c;
                sat_q$d = 1'b1;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                acc_q$d = acc_min_c;
                sat_q$d = 1'b1;
            end
            else begin
                acc_q$d = $signed(sum_bits);
            end
        end
        if (en_q$q & last_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                shadow_q$d = acc_max_c;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                shadow_q$d = acc_min_c;
            end
            else begin
                shadow_q$d = $signed(sum_bits);
            end
        end
        else if (shift) begin
            shadow_q$d = shadow_in;
        end
        shadow_out = shadow_q$q;
        sat = sat_q$q;
    end
    
endmodule // top$pes$7


module top$pes$7$acc_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$7$acc_q


module top$pes$7$en_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$7$en_q


module top$pes$7$first_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$7$first_q


module top$pes$7$last_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$7$last_q


module top$pes$7$mul(a,b,p);
    
    // Module arguments
    input wire signed [15:0] a;
    input wire signed [15:0] b;
    output reg signed [31:0] p;
    
    // Update code (custom)
    wire signed [31:0] a_ext = {{16{a[15]}}, a};
    wire signed [31:0] b_ext = {{16{b[15]}}, b};
    always @(*) p = a_ext * b_ext;
endmodule // top$pes$7$mul


module top$pes$7$prod_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$7$prod_q


module top$pes$7$sat_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$7$sat_q


module top$pes$7$shadow_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$7$shadow_q


module top$pes$8(clock,a_in,b_in,mac_en,first,last,shift,shadow_in,shadow_out,sat);
    
    // Module arguments
    input wire  clock;
    input wire signed [15:0] a_in;
    input wire signed [15:0] b_in;
    input wire  mac_en;
    input wire  first;
    input wire  last;
    input wire  shift;
    input wire signed [31:0] shadow_in;
    output reg signed [31:0] shadow_out;
    output reg  sat;
    
    // Constant declarations
    localparam  zero_c = 32'h0;
    localparam signed acc_max_c = 32'h7fffffff;
    localparam signed acc_min_c = 32'h80000000;
    localparam  sign_c = 32'h80000000;
    localparam  max_biased_c = 32'hffffffff;
    localparam  min_biased_c = 32'h0;
    
    // Stub signals
    reg signed [15:0] mul$a;
    reg signed [15:0] mul$b;
    wire signed [31:0] mul$p;
    reg signed [31:0] prod_q$d;
    wire signed [31:0] prod_q$q;
    reg  prod_q$clock;
    reg  en_q$d;
    wire  en_q$q;
    reg  en_q$clock;
    reg  first_q$d;
    wire  first_q$q;
    reg  first_q$clock;
    reg  last_q$d;
    wire  last_q$q;
    reg  last_q$clock;
    reg signed [31:0] acc_q$d;
    wire signed [31:0] acc_q$q;
    reg  acc_q$clock;
    reg signed [31:0] shadow_q$d;
    wire signed [31:0] shadow_q$q;
    reg  shadow_q$clock;
    reg  sat_q$d;
    wire  sat_q$q;
    reg  sat_q$clock;
    
    // Local signals
    reg  [31:0] base_bits;
    reg  [31:0] prod_bits;
    reg  [31:0] sum_bits;
    
    // Sub module instances
    top$pes$8$mul mul(
        .a(mul$a),
        .b(mul$b),
        .p(mul$p)
    );
    top$pes$8$prod_q prod_q(
        .d(prod_q$d),
        .q(prod_q$q),
        .clock(prod_q$clock)
    );
    top$pes$8$en_q en_q(
        .d(en_q$d),
        .q(en_q$q),
        .clock(en_q$clock)
    );
    top$pes$8$first_q first_q(
        .d(first_q$d),
        .q(first_q$q),
        .clock(first_q$clock)
    );
    top$pes$8$last_q last_q(
        .d(last_q$d),
        .q(last_q$q),
        .clock(last_q$clock)
    );
    top$pes$8$acc_q acc_q(
        .d(acc_q$d),
        .q(acc_q$q),
        .clock(acc_q$clock)
    );
    top$pes$8$shadow_q shadow_q(
        .d(shadow_q$d),
        .q(shadow_q$q),
        .clock(shadow_q$clock)
    );
    top$pes$8$sat_q sat_q(
        .d(sat_q$d),
        .q(sat_q$q),
        .clock(sat_q$clock)
    );
    
    // Update code
    always @(*) begin
        prod_q$clock = clock;
        en_q$clock = clock;
        first_q$clock = clock;
        last_q$clock = clock;
        acc_q$clock = clock;
        shadow_q$clock = clock;
        sat_q$clock = clock;
        prod_q$d = prod_q$q;
        en_q$d = en_q$q;
        first_q$d = first_q$q;
        last_q$d = last_q$q;
        acc_q$d = acc_q$q;
        shadow_q$d = shadow_q$q;
        sat_q$d = sat_q$q;
        mul$a = a_in;
        mul$b = b_in;
        prod_q$d = mul$p;
        en_q$d = mac_en;
        first_q$d = first;
        last_q$d = last;
        if (first_q$q) begin
            base_bits = zero_c;
        end
        else begin
            base_bits = $unsigned(acc_q$q);
        end
        prod_bits = $unsigned(prod_q$q);
        sum_bits = base_bits + prod_bits;
        sat_q$d = 1'b0;
        if (en_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                acc_q$d = acc_max_c;
                sat_q$d = 1'b1;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                acc_q$d = acc_min_c;
                sat_q$d = 1'b1;
            end
            else begin
                acc_q$d = $signed(sum_bits);
            end
        end
        if (en_q$q & last_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                shadow_q$d = acc_max_c;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                shadow_q$d = acc_min_c;
            end
            else begin
                shadow_q$d = $signed(sum_bits);
            end
        end
        else if (shift) begin
            shadow_q$d = shadow_in;
        end
        shadow_out = shadow_q$q;
        sat = sat_q$q;
    end
    
endmodule // top$pes$8


module top$pes$8$acc_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$8$acc_q


module top$pes$8$en_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$8$en_q


module top$pes$8$first_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$8$first_q


module top$pes$8$last_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$8$last_q


module top$pes$8$mul(a,b,p);
    
    // Module arguments
    input wire signed [15:0] a;
    input wire signed [15:0] b;
    output reg signed [31:0] p;
    
    // Update code (custom)
    wire signed [31:0] a_ext = {{16{a[15]}}, a};
    wire signed [31:0] b_ext = {{16{b[15]}}, b};
    always @(*) p = a_ext * b_ext;
endmodule // top$pes$8$mul


module top$pes$8$prod_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$8$prod_q


module top$pes$8$sat_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$8$sat_q


module top$pes$8$shadow_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$8$shadow_q


module top$pes$9(clock,a_in,b_in,mac_en,first,last,shift,shadow_in,shadow_out,sat);
    
    // Module arguments
    input wire  clock;
    input wire signed [15:0] a_in;
    input wire signed [15:0] b_in;
    input wire  mac_en;
    input wire  first;
    input wire  last;
    input wire  shift;
    input wire signed [31:0] shadow_in;
    output reg signed [31:0] shadow_out;
    output reg  sat;
    
    // Constant declarations
    localparam  zero_c = 32'h0;
    localparam signed acc_max_c = 32'h7fffffff;
    localparam signed acc_min_c = 32'h80000000;
    localparam  sign_c = 32'h80000000;
    localparam  max_biased_c = 32'hffffffff;
    localparam  min_biased_c = 32'h0;
    
    // Stub signals
    reg signed [15:0] mul$a;
    reg signed [15:0] mul$b;
    wire signed [31:0] mul$p;
    reg signed [31:0] prod_q$d;
    wire signed [31:0] prod_q$q;
    reg  prod_q$clock;
    reg  en_q$d;
    wire  en_q$q;
    reg  en_q$clock;
    reg  first_q$d;
    wire  first_q$q;
    reg  first_q$clock;
    reg  last_q$d;
    wire  last_q$q;
    reg  last_q$clock;
    reg signed [31:0] acc_q$d;
    wire signed [31:0] acc_q$q;
    reg  acc_q$clock;
    reg signed [31:0] shadow_q$d;
    wire signed [31:0] shadow_q$q;
    reg  shadow_q$clock;
    reg  sat_q$d;
    wire  sat_q$q;
    reg  sat_q$clock;
    
    // Local signals
    reg  [31:0] base_bits;
    reg  [31:0] prod_bits;
    reg  [31:0] sum_bits;
    
    // Sub module instances
    top$pes$9$mul mul(
        .a(mul$a),
        .b(mul$b),
        .p(mul$p)
    );
    top$pes$9$prod_q prod_q(
        .d(prod_q$d),
        .q(prod_q$q),
        .clock(prod_q$clock)
    );
    top$pes$9$en_q en_q(
        .d(en_q$d),
        .q(en_q$q),
        .clock(en_q$clock)
    );
    top$pes$9$first_q first_q(
        .d(first_q$d),
        .q(first_q$q),
        .clock(first_q$clock)
    );
    top$pes$9$last_q last_q(
        .d(last_q$d),
        .q(last_q$q),
        .clock(last_q$clock)
    );
    top$pes$9$acc_q acc_q(
        .d(acc_q$d),
        .q(acc_q$q),
        .clock(acc_q$clock)
    );
    top$pes$9$shadow_q shadow_q(
        .d(shadow_q$d),
        .q(shadow_q$q),
        .clock(shadow_q$clock)
    );
    top$pes$9$sat_q sat_q(
        .d(sat_q$d),
        .q(sat_q$q),
        .clock(sat_q$clock)
    );
    
    // Update code
    always @(*) begin
        prod_q$clock = clock;
        en_q$clock = clock;
        first_q$clock = clock;
        last_q$clock = clock;
        acc_q$clock = clock;
        shadow_q$clock = clock;
        sat_q$clock = clock;
        prod_q$d = prod_q$q;
        en_q$d = en_q$q;
        first_q$d = first_q$q;
        last_q$d = last_q$q;
        acc_q$d = acc_q$q;
        shadow_q$d = shadow_q$q;
        sat_q$d = sat_q$q;
        mul$a = a_in;
        mul$b = b_in;
        prod_q$d = mul$p;
        en_q$d = mac_en;
        first_q$d = first;
        last_q$d = last;
        if (first_q$q) begin
            base_bits = zero_c;
        end
        else begin
            base_bits = $unsigned(acc_q$q);
        end
        prod_bits = $unsigned(prod_q$q);
        sum_bits = base_bits + prod_bits;
        sat_q$d = 1'b0;
        if (en_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                acc_q$d = acc_max_c;
                sat_q$d = 1'b1;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                acc_q$d = acc_min_c;
                sat_q$d = 1'b1;
            end
            else begin
                acc_q$d = $signed(sum_bits);
            end
        end
        if (en_q$q & last_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                shadow_q$d = acc_max_c;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                shadow_q$d = acc_min_c;
            end
            else begin
                shadow_q$d = $signed(sum_bits);
            end
        end
        else if (shift) begin
            shadow_q$d = shadow_in;
        end
        shadow_out = shadow_q$q;
        sat = sat_q$q;
    end
    
endmodule // top$pes$9


module top$pes$9$acc_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$9$acc_q


module top$pes$9$en_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$9$en_q


module top$pes$9$first_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$9$first_q


module top$pes$9$last_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$9$last_q


module top$pes$9$mul(a,b,p);
    
    // Module arguments
    input wire signed [15:0] a;
    input wire signed [15:0] b;
    output reg signed [31:0] p;
    
    // Update code (custom)
    wire signed [31:0] a_ext = {{16{a[15]}}, a};
    wire signed [31:0] b_ext = {{16{b[15]}}, b};
    always @(*) p = a_ext * b_ext;
endmodule // top$pes$9$mul


module top$pes$9$prod_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$9$prod_q


module top$pes$9$sat_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$9$sat_q


module top$pes$9$shadow_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pes$9$shadow_q
